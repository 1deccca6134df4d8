// The floor the preview is measured against: start the policy pack's analyzer, load the SDKs and
// the mock engine meanwhile (as the preview does), register nothing. Given stack names, it then
// runs each stack's program and stops there, nothing evaluated and nothing written: the programs
// alone, whose distance from the floor is what the programs cost.
import { spawnPolicyPack } from "../engine/pack-process";

async function main(stacks: string[]) {
    const pack = spawnPolicyPack();
    const pulumi = await import("@pulumi/pulumi");
    await import("@pulumi/aws");
    await import("@pulumi/kubernetes");
    const { offlineMocks } = await import("../engine/mocks");
    const { PolicyAnalyzer } = await import("../engine/analyzer");
    await pulumi.runtime.setMocks(offlineMocks, "careplane", "floor", false);
    const analyzer = await PolicyAnalyzer.connect(pack);
    if (stacks.length > 0) {
        const { runProgram } = await import("../engine/program");
        const { readStackFile } = await import("../engine/stack-files");
        for (const stack of stacks) await runProgram(readStackFile(".", stack));
    }
    await analyzer.stop();
}

main(process.argv.slice(2)).then(
    () => process.exit(0),
    (err) => {
        console.error(err);
        process.exit(1);
    },
);
