// The offline preview: runs index.ts for each stack under the SDK's mock engine, evaluates the
// policy pack on every resource through its own analyzer server, prints a summary per stack,
// and writes out/<stack>/plan.json beside the artifacts of tools/writers.ts. Exit status: 0 clean
// or advisory only, 1 mandatory violation, 2 bad config or bad plan file, 3 anything else.
import { spawnPolicyPack } from "./engine/pack-process";

// First of all: the pack loads its SDKs in its own process while this one loads the program's.
const pack = spawnPolicyPack();
process.on("exit", () => pack.child.kill());
Promise.all([import("./engine/preview-cli"), import("./writers")]).then(([{ runPreview }, { previewWriters }]) =>
    runPreview(process.argv.slice(2), pack, previewWriters),
);
