import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parseStackConfig } from "../components/config/stack-config";
import { MOCK_SECRET_PREFIX, offlineMocks } from "../tools/engine/mocks";
import { writeArtifacts } from "../tools/engine/artifacts";
import { previewWriters } from "../tools/writers";
import { Plan, writePlan } from "../tools/engine/plan";
import { PROGRAM, PROJECT } from "../tools/engine/program";
import { EVERYTHING_ON, keyArn, rejection as rejectionOf } from "./support/data-tier";
import { ofType, planOf, sharedAnalyzer, stackFile, STACKS } from "./support/engine";

// The SDK entry points runProgram uses (tools/engine/program.ts).
const settings = require("@pulumi/pulumi/runtime/settings");
const stackRuntime = require("@pulumi/pulumi/runtime/stack");

const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const FUNCTION = "aws:lambda/function:Function";
const TEMPLATE = "aws:serverlessrepository/cloudFormationStack:CloudFormationStack";
const entries = (plan: Plan) => ofType(plan, SECRET).map((s) => s.inputs.name as string);

/**
 * The stack outputs index.ts exports, resolved, from a run of the program under the same mocks
 * (runProgram records registrations, not outputs). Runs after planOf so no other run is in flight.
 */
async function stackOutputsOf(stack: string, overrides: Record<string, unknown>): Promise<Record<string, any>> {
    await planOf(stack, overrides);
    const file = stackFile(stack, overrides);
    await pulumi.runtime.setMocks(offlineMocks, PROJECT, stack, false);
    pulumi.runtime.setAllConfig(file.config, file.secretKeys);
    delete require.cache[require.resolve(PROGRAM)];
    const outputs = await stackRuntime.runInPulumiStack(async () => require(PROGRAM));
    await settings.waitForRPCs();
    return outputs;
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? filesUnder(full) : [full];
    });
}

const rejection = (stack: string, secrets: Record<string, unknown>) => rejectionOf(stack, "secrets", secrets);

describe("secrets", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("names every entry <app>/<env>/<name> [000], a service's own login and Redis user <app>/<env>/<service>/<name>", async () => {
                const names = entries(await planOf(stack));
                for (const name of names) expect(name).to.match(new RegExp(`^caresync/${stack}/([a-z][a-z0-9-]+/)?[a-z][a-z0-9-]+$`));
                expect(names).to.include.members(["api/database", "api/redis", "jwt", "smtp"].map((n) => `caresync/${stack}/${n}`));
                // Only `database` and `redis` are per service; no shared login is left behind.
                const perService = names.filter((n) => n.split("/").length === 4).map((n) => n.split("/")[3]);
                expect(new Set(perService)).to.deep.equal(new Set(["database", "redis"]));
                expect(names).not.to.include.members([`caresync/${stack}/database`, `caresync/${stack}/redis`]);
            });

            it("holds every secret the stack's services read", async () => {
                const file = stackFile(stack);
                const services = Object.entries(parseStackConfig(file.config, file.file).services);
                const own = ["database", "redis"];
                const wanted = services.flatMap(([name, svc]) => svc.secrets.map((s) => (own.includes(s) ? `${name}/${s}` : s)));
                expect(wanted.length).to.be.greaterThan(0);
                expect(entries(await planOf(stack))).to.include.members(wanted.map((n) => `caresync/${stack}/${n}`));
            });

            it("encrypts every entry with the secrets key", async () => {
                const plan = await planOf(stack);
                for (const secret of ofType(plan, SECRET)) expect(secret.inputs.kmsKeyId, secret.name).to.equal(keyArn(plan, "secrets"));
            });

            it(
                stack === "prod"
                    ? "keeps a deleted entry recoverable 30 days"
                    : "deletes an entry at once, so a destroyed stack can be created again under the same names",
                async () => {
                    for (const secret of ofType(await planOf(stack), SECRET)) {
                        expect(secret.inputs.recoveryWindowInDays, secret.name).to.equal(stack === "prod" ? 30 : 0);
                    }
                },
            );

            it("stores every value marked secret (the plan shows the mask), one version per entry", async () => {
                const plan = await planOf(stack);
                const versions = ofType(plan, VERSION);
                expect(versions).to.have.length(ofType(plan, SECRET).length);
                for (const version of versions) expect(version.inputs.secretString, version.name).to.equal("[secret]");
            });

            it("generates values of at least 32 characters, the JWT signing key at least 64 [003]", async () => {
                const passwords = ofType(await planOf(stack), "random:index/randomPassword:RandomPassword");
                expect(passwords.length).to.be.greaterThan(0);
                for (const p of passwords) expect(p.inputs.length, p.name).to.be.at.least(32);
                expect(passwords.find((p) => p.name === "secrets-jwt")!.inputs.length).to.be.at.least(64);
            });

            it("protects entries in prod only", async () => {
                for (const secret of ofType(await planOf(stack), SECRET)) expect(secret.protect).to.equal(stack === "prod");
            });
        });
    }

    it("adds the entries a stack names [003]", async () => {
        expect(entries(await planOf("prod", EVERYTHING_ON))).to.include.members(["caresync/prod/mail", "caresync/prod/payments-api"]);
    });

    it("stores a first value in each entry that Pulumi then never writes back: rotation, or the operator for an issued value, owns every later one", async () => {
        const plan = await planOf("dev");
        const versions = ofType(plan, VERSION);
        expect(versions.length).to.equal(ofType(plan, SECRET).length);
        for (const v of versions) expect(v.options.ignoreChanges, v.name).to.deep.equal(["secretString"]);
        const tags = (entry: string) => ofType(plan, SECRET).find((s) => s.inputs.name === `caresync/dev/${entry}`)!.inputs.tags as any;
        expect(tags("smtp").Rotation).to.equal("partner");
        for (const owned of ["jwt", "api/database", "api/redis", "database-master"])
            expect(tags(owned).Rotation, owned).not.to.equal("partner");
    });

    it("rotates every entry careplane generates at least every 90 days [004], by a function the stack deploys, and watches the age of each issued one", async () => {
        const plan = await planOf("prod", EVERYTHING_ON);
        const deployed = new Set([...ofType(plan, FUNCTION), ...ofType(plan, TEMPLATE)].map((r) => r.urn));
        let rotated = 0;
        let watched = 0;
        for (const secret of ofType(plan, SECRET)) {
            const name = secret.inputs.name as string;
            const rotations = ofType(plan, ROTATION).filter((r) => r.propertyDependencies.secretId?.includes(secret.urn));
            if ((secret.inputs.tags as any).Rotation === "partner") {
                expect(rotations, name).to.have.length(0);
                const alarm = ofType(plan, ALARM).find((a) => (a.inputs.dimensions as any)?.SecretName === name);
                expect(alarm, `an age alarm on ${name}`).to.not.equal(undefined);
                expect(alarm!.inputs).to.deep.include({ metricName: "SecretAgeDays", threshold: 90, treatMissingData: "breaching" });
                expect((alarm!.inputs.alarmActions as string[]).length, name).to.be.greaterThan(0);
                watched++;
                continue;
            }
            expect(rotations, `one rotation of ${name}`).to.have.length(1);
            expect(rotations[0].inputs.rotationRules, name).to.deep.equal({ automaticallyAfterDays: 90 });
            const fn = rotations[0].propertyDependencies.rotationLambdaArn ?? [];
            expect(
                fn.some((urn) => deployed.has(urn)),
                `${name}: its rotation function is one the stack deploys`,
            ).to.equal(true);
            rotated++;
        }
        // jwt, the master, migration and monitoring logins on each database, 3 services' logins and Redis users...
        expect(rotated).to.be.greaterThan(10);
        // smtp and the two named entries.
        expect(watched).to.be.at.least(3);
    });

    describe("no generated value in plain text", () => {
        it("the mocks generate values with the marker the scans look for", async () => {
            const generated = await offlineMocks.newResource({
                type: "random:index/randomPassword:RandomPassword",
                name: "probe",
                inputs: { length: 40 },
                provider: "",
                custom: true,
            });
            expect(String(generated.state.result).startsWith(MOCK_SECRET_PREFIX)).to.equal(true);
        });

        it("appears in no file the offline preview writes (plan and every artifact), for any of the four stacks", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-preview-"));
            try {
                const analyzer = await sharedAnalyzer();
                for (const stack of STACKS) {
                    const plan = await planOf(stack);
                    writePlan(plan, out);
                    writeArtifacts(
                        { plan, violations: await analyzer.evaluate(plan), policies: analyzer.policies },
                        out,
                        previewWriters.artifacts,
                    );
                }
                const files = filesUnder(out);
                expect(files.map((f) => path.relative(out, f))).to.include.members(STACKS.map((s) => path.join(s, "plan.json")));
                for (const file of files) expect(fs.readFileSync(file, "utf8"), file).not.to.contain(MOCK_SECRET_PREFIX);
            } finally {
                fs.rmSync(out, { recursive: true, force: true });
            }
        });

        it("appears in no stack output, which names every entry's ARN instead", async () => {
            const outputs = await stackOutputsOf("prod", EVERYTHING_ON);
            expect(JSON.stringify(outputs)).not.to.contain(MOCK_SECRET_PREFIX);
            const plan = await planOf("prod", EVERYTHING_ON);
            expect(Object.keys(outputs.secretArns)).to.have.members(entries(plan).map((n) => n.split("/").slice(2).join("/")));
        });

        it("appears in no plan written with roles, rotation and extra entries on", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-plan-"));
            try {
                const plan = await planOf("prod", EVERYTHING_ON);
                const text = fs.readFileSync(writePlan(plan, out), "utf8");
                expect(text).to.contain('"[secret]"');
                expect(text).not.to.contain(MOCK_SECRET_PREFIX);
            } finally {
                fs.rmSync(out, { recursive: true, force: true });
            }
        });
    });

    describe("config that would weaken a stack is rejected with one line", () => {
        it("a recovery window shorter than 30 days in prod", () => {
            expect(rejection("prod", { recoveryWindowDays: 7 })).to.equal(
                "Pulumi.prod.yaml: careplane:secrets.recoveryWindowDays = 7 is not allowed: prod keeps deleted secrets recoverable at least 30 days; use 30",
            );
        });

        it("a recovery window Secrets Manager does not offer outside prod (1 to 6 days, or more than 30)", () => {
            expect(rejection("dev", { recoveryWindowDays: 3 })).to.equal(
                "Pulumi.dev.yaml: careplane:secrets.recoveryWindowDays = 3 is not allowed: Secrets Manager keeps a deleted secret 7 to 30 days, or deletes it at once; use 0 (delete at once) or an integer from 7 to 30",
            );
            expect(rejection("staging", { recoveryWindowDays: 31 })).to.equal(
                "Pulumi.staging.yaml: careplane:secrets.recoveryWindowDays = 31 is not allowed: Secrets Manager keeps a deleted secret 7 to 30 days, or deletes it at once; use 0 (delete at once) or an integer from 7 to 30",
            );
        });

        it("accepts a stricter non-prod stack: a 7-day recovery window in staging", () => {
            const file = stackFile("staging", { "careplane:secrets": { recoveryWindowDays: 7 } });
            expect(parseStackConfig(file.config, file.file).secrets.recoveryWindowDays).to.equal(7);
        });

        it("generated values shorter than 32 characters", () => {
            expect(rejection("dev", { length: 16 })).to.equal(
                "Pulumi.dev.yaml: careplane:secrets.length = 16 is not allowed: generated secrets are at least 32 characters; use an integer from 32 to 128",
            );
        });

        it("a rotation function named in config: careplane deploys its own for each entry", () => {
            expect(rejection("prod", { rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotate" })).to.equal(
                'Pulumi.prod.yaml: careplane:secrets.rotationLambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:rotate" is not allowed: is no longer used: careplane deploys a rotation function for each entry it generates (docs/data.md, Rotation); remove the key',
            );
        });

        it("rotation less often than quarterly [004]", () => {
            expect(rejection("staging", { rotationDays: 180 })).to.equal(
                "Pulumi.staging.yaml: careplane:secrets.rotationDays = 180 is not allowed: secrets rotate at least quarterly; use an integer from 1 to 90",
            );
        });

        it("an extra entry that would shadow a built-in one", () => {
            const builtIn =
                "database, redis, jwt, smtp, database-migration, database-monitoring, redis-monitoring, alertmanager, grafana-admin";
            expect(rejection("dev", { names: ["jwt"] })).to.equal(
                `Pulumi.dev.yaml: careplane:secrets.names.0 = "jwt" is not allowed: expected a name other than the built-in ${builtIn}`,
            );
            expect(rejection("prod", { names: ["mail", "alertmanager"] })).to.equal(
                `Pulumi.prod.yaml: careplane:secrets.names.1 = "alertmanager" is not allowed: expected a name other than the built-in ${builtIn}`,
            );
        });
    });
});
