import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { buildSync } from "esbuild";

/** The Lambda runtime careplane's own functions run on; it provides the AWS SDK v3 the code imports. */
export const FUNCTION_RUNTIME = "nodejs24.x";
/** The handler inside the bundle. */
export const FUNCTION_HANDLER = "index.handler";

const ROOT = path.resolve(__dirname, "../../..");
const ENTRY = "functions/secret-rotation/handler.ts";

let bundled: string | undefined;

/**
 * functions/secret-rotation bundled into one ES module, the SDK left to the runtime. Built from the
 * source at every run, so the deployed code is always the reviewed code; paths relative to the
 * repository keep the bundle (and so Pulumi's hash of it) the same on every machine.
 */
export function rotationCode(): string {
    bundled ??= buildSync({
        absWorkingDir: ROOT,
        entryPoints: [ENTRY],
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node24",
        external: ["@aws-sdk/*"],
        write: false,
        legalComments: "none",
    }).outputFiles[0].text;
    return bundled;
}

/** The deployment package: the bundle as index.mjs. */
export function rotationArchive(): pulumi.asset.AssetArchive {
    return new pulumi.asset.AssetArchive({ "index.mjs": new pulumi.asset.StringAsset(rotationCode()) });
}
