// The preview's programs alone: what the floor does, then every stack's program under the mock
// engine, with nothing evaluated and nothing written. Its distance from the floor is what the
// programs cost; the preview's distance from it is what evaluating and reporting cost.
import { spawnPolicyPack } from "../engine/pack-process";

async function main(stacks: string[]) {
    const pack = spawnPolicyPack();
    const { PolicyAnalyzer } = await import("../engine/analyzer");
    const { runProgram } = await import("../engine/program");
    const { readStackFile } = await import("../engine/stack-files");
    const analyzer = await PolicyAnalyzer.connect(pack);
    for (const stack of stacks) await runProgram(readStackFile(".", stack));
    await analyzer.stop();
}

main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => {
        console.error(err);
        process.exit(1);
    },
);
