// The mock engine's run of a program: fast without the SDK's stack traces, and still precise
// about where a failing program failed.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { runProgram } from "../tools/engine/program";
import { stackFile } from "./support/engine";

describe("running a program under the mock engine", () => {
    const failing = path.resolve(__dirname, "fixtures/failing-program.ts");

    it("reports the TypeScript line a failing program threw on", async () => {
        const line =
            fs
                .readFileSync(failing, "utf8")
                .split("\n")
                .findIndex((l) => l.includes("throw new Error")) + 1;
        const error: Error = await runProgram(stackFile("dev"), failing).then(
            () => expect.fail("the program should have failed"),
            (err) => err,
        );
        expect(error.message).to.include("the shelf is misconfigured");
        expect(error.stack).to.match(new RegExp(`failing-program\\.ts:${line}:\\d+`));
    });

    it("leaves the stack trace limit as it found it, after a failure and after a success", async () => {
        const limit = Error.stackTraceLimit;
        await runProgram(stackFile("dev"), failing).catch(() => undefined);
        expect(Error.stackTraceLimit).to.equal(limit);
        await runProgram(stackFile("dev"), path.resolve(__dirname, "fixtures/log-groups-program.ts"));
        expect(Error.stackTraceLimit).to.equal(limit);
    });
});
