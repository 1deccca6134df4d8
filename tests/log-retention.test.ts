import { expect } from "chai";
import * as path from "path";
import { parseStackConfig } from "../components/config/stack-config";
import { PlatformContext } from "../components/context";
import { logGroup, serviceLogGroupNames } from "../components/audit/log-groups";
import { cloudWatchRetentionDays } from "../components/config/profiles";
import { Plan } from "../tools/engine/plan";
import { runProgram } from "../tools/engine/program";
import { byUrn, tagsOf } from "./support/resources";
import { ofType, planOf, stackFile, STACKS } from "./support/engine";

// Application logs at least 30 days everywhere [003, 004]; audit-grade logs (flow, database,
// access, trail) at least 1 year in prod (issue 4), and the environment's backup floor elsewhere.
const floors: Record<string, { application: number; audit: number }> = {
    dev: { application: 30, audit: 30 },
    test: { application: 30, audit: 90 },
    staging: { application: 30, audit: 90 },
    prod: { application: 30, audit: 365 },
};

/** Log groups AWS services create on their own (never expiring, unencrypted) unless the program creates them first. */
function serviceLogGroups(plan: Plan): Array<{ owner: string; name: string | undefined }> {
    const out: Array<{ owner: string; name: string | undefined }> = [];
    for (const r of ofType(plan, "aws:eks/cluster:Cluster")) {
        if (((r.inputs.enabledClusterLogTypes as string[] | undefined) ?? []).length > 0) {
            out.push({ owner: r.name, name: r.inputs.name ? serviceLogGroupNames.eksCluster(r.inputs.name as string) : undefined });
        }
    }
    for (const r of ofType(plan, "aws:rds/instance:Instance")) {
        for (const logType of (r.inputs.enabledCloudwatchLogsExports as string[] | undefined) ?? []) {
            const id = r.inputs.identifier as string | undefined;
            out.push({ owner: r.name, name: id ? serviceLogGroupNames.rdsInstance(id, logType) : undefined });
        }
    }
    for (const r of ofType(plan, "aws:lambda/function:Function")) {
        out.push({ owner: r.name, name: r.inputs.name ? serviceLogGroupNames.lambdaFunction(r.inputs.name as string) : undefined });
    }
    return out;
}

describe("log retention", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("keeps every log group for at least its class's floor, in a period CloudWatch accepts", async () => {
                const groups = ofType(await planOf(stack), "aws:cloudwatch/logGroup:LogGroup");
                expect(groups.length).to.be.greaterThan(0);
                for (const g of groups) {
                    // As the policy pack reads it: a group without a LogClass tag holds application logs.
                    const logClass = (tagsOf(g).LogClass ?? "application") as "application" | "audit";
                    expect(["application", "audit"], `${g.name}: LogClass tag`).to.include(logClass);
                    expect(g.inputs.retentionInDays, g.name).to.be.at.least(floors[stack][logClass]);
                    expect(cloudWatchRetentionDays, g.name).to.include(g.inputs.retentionInDays);
                }
            });

            it("encrypts every log group with the stack's logs key", async () => {
                const plan = await planOf(stack);
                for (const g of ofType(plan, "aws:cloudwatch/logGroup:LogGroup")) {
                    expect(g.inputs.kmsKeyId, g.name)
                        .to.be.a("string")
                        .and.match(/^arn:aws:kms:/);
                    const keys = g.dependencies.map((d) => byUrn(plan, d)).filter((r) => r?.type === "aws:kms/key:Key");
                    expect(
                        keys.map((k) => tagsOf(k!).KeyClass),
                        g.name,
                    ).to.deep.equal(["logs"]);
                }
            });

            it("creates the log groups AWS services would otherwise create without retention or key", async () => {
                const plan = await planOf(stack);
                const names = new Set(ofType(plan, "aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.name));
                for (const { owner, name } of serviceLogGroups(plan)) {
                    expect(name, `${owner}: give it an explicit name so its log group can be created first`).to.be.a("string");
                    expect(names.has(name), `${owner}: create ${name} with logGroup() from components/audit/log-groups.ts`).to.equal(true);
                }
            });
        });
    }

    describe("the logGroup helper", () => {
        const program = path.resolve(__dirname, "fixtures/log-groups-program.ts");

        for (const stack of ["dev", "prod"] as const) {
            it(`gives ${stack} application and audit groups their floors, the logs key and the LogClass tag`, async () => {
                const groups = ofType(await runProgram(stackFile(stack), program), "aws:cloudwatch/logGroup:LogGroup");
                const byName = Object.fromEntries(groups.map((g) => [g.name, g.inputs]));
                expect(byName.application.retentionInDays).to.equal(floors[stack].application);
                expect(byName.audit.retentionInDays).to.equal(floors[stack].audit);
                expect(byName.audit.name).to.equal(`/aws/rds/instance/caresync-${stack}-db/postgresql`);
                for (const g of groups) {
                    expect(g.inputs.kmsKeyId).to.equal("arn:aws:kms:us-east-1:123456789012:key/fixture-logs");
                    expect(tagsOf(g).LogClass).to.equal(g.name);
                }
            });
        }

        it("refuses a retention below the class's floor or one CloudWatch does not offer", () => {
            const file = stackFile("prod");
            const context = PlatformContext.of(parseStackConfig(file.config, file.file));
            const args = { context, name: "/careplane/x", logClass: "audit" as const, logsKeyArn: "arn:aws:kms:us-east-1:1:key/k" };
            expect(() => logGroup("short", { ...args, retentionInDays: 90 })).to.throw(
                "log group short: 90 days is not a CloudWatch retention of at least 365 days",
            );
            expect(() => logGroup("odd", { ...args, retentionInDays: 500 })).to.throw(
                "log group odd: 500 days is not a CloudWatch retention",
            );
        });
    });
});
