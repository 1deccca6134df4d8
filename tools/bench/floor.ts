// The floor the preview is measured against: load the SDKs and the mock engine, start the
// policy pack's analyzer, register nothing.
import * as pulumi from "@pulumi/pulumi";
import "@pulumi/aws";
import "@pulumi/kubernetes";
import { PolicyAnalyzer } from "../engine/analyzer";
import { offlineMocks } from "../engine/mocks";

async function main() {
    const analyzer = PolicyAnalyzer.start();
    await pulumi.runtime.setMocks(offlineMocks, "careplane", "floor", false);
    await (await analyzer).stop();
}

main().then(
    () => process.exit(0),
    (err) => {
        console.error(err);
        process.exit(1);
    },
);
