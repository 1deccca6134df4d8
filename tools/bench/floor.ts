// The floor the preview is measured against: start the policy pack's analyzer, load the SDKs and
// the mock engine meanwhile (as the preview does), register nothing.
import { spawnPolicyPack } from "../engine/pack-process";

async function main() {
    const pack = spawnPolicyPack();
    const pulumi = await import("@pulumi/pulumi");
    await import("@pulumi/aws");
    await import("@pulumi/kubernetes");
    const { offlineMocks } = await import("../engine/mocks");
    const { PolicyAnalyzer } = await import("../engine/analyzer");
    await pulumi.runtime.setMocks(offlineMocks, "careplane", "floor", false);
    await (await PolicyAnalyzer.connect(pack)).stop();
}

main().then(
    () => process.exit(0),
    (err) => {
        console.error(err);
        process.exit(1);
    },
);
