import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, parseStackConfig } from "../components/config";
import { MOCK_SECRET_PREFIX, mockArn, offlineMocks } from "../tools/engine/mocks";
import { writeArtifacts } from "../tools/engine/artifacts";
import { Plan, writePlan } from "../tools/engine/plan";
import { ofType, planOf, sharedAnalyzer, stackFile, STACKS } from "./support/engine";

const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const keyArn = (plan: Plan, keyClass: string) => {
    const key = ofType(plan, "aws:kms/key:Key").find((k) => (k.inputs.tags as Record<string, string>).KeyClass === keyClass)!;
    return mockArn(key.type, key.name);
};
const entries = (plan: Plan) => ofType(plan, SECRET).map((s) => s.inputs.name as string);

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        return e.isDirectory() ? filesUnder(full) : [full];
    });
}

function rejection(stack: string, secrets: Record<string, unknown>): string {
    const file = stackFile(stack, { "careplane:secrets": secrets });
    try {
        parseStackConfig(file.config, file.file);
    } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        return (e as Error).message;
    }
    throw new Error("the config was accepted");
}

describe("secrets", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("names every entry <app>/<env>/<name> and has database, redis, jwt and smtp [000]", async () => {
                const names = entries(await planOf(stack));
                for (const name of names) expect(name).to.match(new RegExp(`^caresync/${stack}/[a-z][a-z0-9-]+$`));
                expect(names).to.include.members(["database", "redis", "jwt", "smtp"].map((n) => `caresync/${stack}/${n}`));
            });

            it("encrypts every entry with the secrets key", async () => {
                const plan = await planOf(stack);
                for (const secret of ofType(plan, SECRET)) expect(secret.inputs.kmsKeyId, secret.name).to.equal(keyArn(plan, "secrets"));
            });

            it(`keeps a deleted entry recoverable ${stack === "prod" ? 30 : 7} days`, async () => {
                for (const secret of ofType(await planOf(stack), SECRET)) {
                    expect(secret.inputs.recoveryWindowInDays).to.equal(stack === "prod" ? 30 : 7);
                }
            });

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

    it("adds the entries a stack names, as stand-ins an operator replaces (Pulumi leaves the stored value alone)", async () => {
        const plan = await planOf("dev", { "careplane:secrets": { names: ["mail", "payments-api"] } });
        expect(entries(plan)).to.include.members(["caresync/dev/mail", "caresync/dev/payments-api"]);
        const mail = ofType(plan, VERSION).find((v) => v.name === "secrets-mail")!;
        expect(mail.options.ignoreChanges).to.deep.equal(["secretString"]);
        const jwt = ofType(plan, VERSION).find((v) => v.name === "secrets-jwt")!;
        expect(jwt.options.ignoreChanges).to.deep.equal([]);
    });

    it("rotates every entry every 90 days [004] when the stack names a rotation function", async () => {
        const lambda = "arn:aws:lambda:us-east-1:123456789012:function:rotate-secrets";
        const plan = await planOf("prod", { "careplane:secrets": { rotationLambdaArn: lambda } });
        const rotations = ofType(plan, ROTATION).filter((r) => r.name.startsWith("secrets-"));
        expect(rotations).to.have.length(ofType(plan, SECRET).length);
        for (const r of rotations)
            expect(r.inputs).to.deep.include({ rotationLambdaArn: lambda, rotationRules: { automaticallyAfterDays: 90 } });
        for (const v of ofType(plan, VERSION)) expect(v.options.ignoreChanges, v.name).to.deep.equal(["secretString"]);
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
                    writeArtifacts({ plan, violations: await analyzer.evaluate(plan), policies: analyzer.policies }, out);
                }
                const files = filesUnder(out);
                expect(files.map((f) => path.relative(out, f))).to.include.members(STACKS.map((s) => path.join(s, "plan.json")));
                for (const file of files) expect(fs.readFileSync(file, "utf8"), file).not.to.contain(MOCK_SECRET_PREFIX);
            } finally {
                fs.rmSync(out, { recursive: true, force: true });
            }
        });

        it("appears in no plan written with roles, rotation and extra entries on", async () => {
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-plan-"));
            try {
                const plan = await planOf("prod", {
                    "careplane:database": { roles: { enabled: true } },
                    "careplane:secrets": { names: ["mail"], rotationLambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:rotate" },
                });
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

        it("generated values shorter than 32 characters", () => {
            expect(rejection("dev", { length: 16 })).to.equal(
                "Pulumi.dev.yaml: careplane:secrets.length = 16 is not allowed: generated secrets are at least 32 characters; use an integer from 32 to 128",
            );
        });

        it("rotation less often than quarterly [004]", () => {
            expect(rejection("staging", { rotationDays: 180 })).to.equal(
                "Pulumi.staging.yaml: careplane:secrets.rotationDays = 180 is not allowed: secrets rotate at least quarterly; use an integer from 1 to 90",
            );
        });

        it("an extra entry that would shadow a built-in one", () => {
            expect(rejection("dev", { names: ["jwt"] })).to.equal(
                'Pulumi.dev.yaml: careplane:secrets.names.0 = "jwt" is not allowed: expected a name other than the built-in database, redis, jwt, smtp, database-analytics, database-migration',
            );
        });
    });
});
