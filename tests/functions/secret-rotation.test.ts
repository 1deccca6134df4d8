// The rotation code careplane deploys as its own Lambda functions, step by step, against a Secrets
// Manager and an ElastiCache kept in memory.
import { expect } from "chai";
import { ResourceNotFoundException } from "@aws-sdk/client-secrets-manager";
import { elastiCacheApi, metricsApi, secretsApi, secretVersionsApi } from "../../functions/secret-rotation/aws";
import { handler } from "../../functions/secret-rotation/handler";
import { passwordRotator } from "../../functions/secret-rotation/kinds/password";
import { ElastiCacheApi, redisUserRotator } from "../../functions/secret-rotation/kinds/redis-user";
import { signingKeyRotator } from "../../functions/secret-rotation/kinds/signing-key";
import { NotFoundError, rotate, Rotator, steps } from "../../functions/secret-rotation/protocol";
import { publishSecretAges, SECRET_AGE_METRIC } from "../../functions/secret-rotation/secret-age";
import { FakeSecrets } from "./fake-secrets";

const ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:caresync/prod/jwt-AbC123";
const key = (c: string) => c.repeat(86);
const K0 = key("a");
const K1 = key("b");

async function step(fake: FakeSecrets, rotator: Rotator, name: (typeof steps)[number], token: string) {
    await rotate(fake.event(name, token), fake.arn, fake, rotator);
}

/** The whole rotation Secrets Manager drives: a pending version, the four steps, the label dropped. */
async function rotation(fake: FakeSecrets, rotator: Rotator): Promise<string> {
    const token = fake.startRotation();
    for (const s of steps) await step(fake, rotator, s, token);
    fake.endRotation(token);
    return token;
}

async function refusal(p: Promise<unknown>): Promise<string> {
    try {
        await p;
    } catch (e) {
        return (e as Error).message;
    }
    throw new Error("the step was not refused");
}

describe("secret rotation functions", () => {
    describe("the JWT signing key, step by step", () => {
        let fake: FakeSecrets;
        let token: string;
        beforeEach(() => {
            fake = new FakeSecrets(ARN, { secret: K0, next: K1 });
            token = fake.startRotation();
        });

        it("createSecret stores, as AWSPENDING under the token, the published next key as the signing key, the current one as previous and a fresh next", async () => {
            await step(fake, signingKeyRotator, "createSecret", token);
            const pending = JSON.parse(await fake.getSecretValue(ARN, "AWSPENDING", token));
            expect(pending.secret).to.equal(K1);
            expect(pending.previous).to.equal(K0);
            expect(pending.next).to.be.a("string").with.length.of.at.least(64);
            expect([K0, K1]).not.to.include(pending.next);
            expect(fake.value("AWSCURRENT")).to.deep.equal({ secret: K0, next: K1 });
        });

        it("createSecret run again keeps the value the first run stored", async () => {
            await step(fake, signingKeyRotator, "createSecret", token);
            const first = await fake.getSecretValue(ARN, "AWSPENDING", token);
            await step(fake, signingKeyRotator, "createSecret", token);
            expect(await fake.getSecretValue(ARN, "AWSPENDING", token)).to.equal(first);
            expect(fake.writes).to.deep.equal([`put ${token}`]);
        });

        it("setSecret writes nothing anywhere: the services read the key from the entry", async () => {
            await step(fake, signingKeyRotator, "createSecret", token);
            await step(fake, signingKeyRotator, "setSecret", token);
            expect(fake.writes).to.deep.equal([`put ${token}`]);
        });

        it("testSecret accepts the pending keys createSecret made", async () => {
            await step(fake, signingKeyRotator, "createSecret", token);
            await step(fake, signingKeyRotator, "testSecret", token);
        });

        it("testSecret refuses a signing key other than the published next, which running services would reject", async () => {
            await fake.putPendingValue(ARN, token, JSON.stringify({ secret: key("c"), previous: K0, next: key("d") }));
            expect(await refusal(step(fake, signingKeyRotator, "testSecret", token))).to.contain("not the key published as next");
        });

        it("testSecret refuses a key shorter than 64 characters, and a previous key that is not the current signing key", async () => {
            await fake.putPendingValue(ARN, token, JSON.stringify({ secret: K1, previous: K0, next: "short" }));
            expect(await refusal(step(fake, signingKeyRotator, "testSecret", token))).to.contain("next key is shorter than 64");
            await fake.putPendingValue(ARN, token, JSON.stringify({ secret: K1, previous: key("e"), next: key("f") }));
            expect(await refusal(step(fake, signingKeyRotator, "testSecret", token))).to.contain("not the current signing key");
        });

        it("finishSecret makes the pending version AWSCURRENT and the former one AWSPREVIOUS; run again, it changes nothing", async () => {
            await step(fake, signingKeyRotator, "createSecret", token);
            await step(fake, signingKeyRotator, "finishSecret", token);
            const stages = (await fake.describeSecret(ARN)).versions;
            expect(stages[token]).to.include("AWSCURRENT");
            expect(stages.v0).to.deep.equal(["AWSPREVIOUS"]);
            await step(fake, signingKeyRotator, "finishSecret", token);
            expect(fake.writes).to.deep.equal([`put ${token}`, `promote ${token}`]);
        });

        it("two rotations: a service that read the entry after the first accepts every token signed after the second", async () => {
            await rotation(fake, signingKeyRotator);
            const readAfterFirst = fake.value("AWSCURRENT");
            await rotation(fake, signingKeyRotator);
            const signing = fake.value("AWSCURRENT").secret;
            expect([readAfterFirst.secret, readAfterFirst.previous, readAfterFirst.next]).to.include(signing);
            // And a service that read it after the second still accepts what the first-reader signs.
            expect([fake.value("AWSCURRENT").previous]).to.include(readAfterFirst.secret);
            expect(fake.value("AWSPREVIOUS").secret).to.equal(readAfterFirst.secret);
        });

        it("starts from a document without a published next key with a fresh signing key", async () => {
            fake = new FakeSecrets(ARN, { secret: K0 });
            await rotation(fake, signingKeyRotator);
            const now = fake.value("AWSCURRENT");
            expect(now.previous).to.equal(K0);
            expect(now.secret).not.to.equal(K0);
        });
    });

    describe("what every rotation refuses", () => {
        const fake = () => new FakeSecrets(ARN, { secret: K0, next: K1 });

        it("another secret than the one the function is for", async () => {
            const f = fake();
            const token = f.startRotation();
            const other = { ...f.event("createSecret", token), SecretId: ARN.replace("jwt", "database") };
            expect(await refusal(rotate(other, ARN, f, signingKeyRotator))).to.contain("rotates");
        });

        it("a secret whose rotation is off, a token that is not pending, and an unknown step", async () => {
            const off = fake();
            off.rotationEnabled = false;
            expect(await refusal(step(off, signingKeyRotator, "createSecret", off.startRotation()))).to.contain("not enabled");
            const f = fake();
            expect(await refusal(step(f, signingKeyRotator, "createSecret", "v99"))).to.contain("has no stage");
            f.startRotation();
            f.versions.get("v1")!.stages = ["AWSPREVIOUS"];
            expect(await refusal(step(f, signingKeyRotator, "setSecret", "v1"))).to.contain("not AWSPENDING");
            expect(await refusal(rotate({ ...f.event("createSecret", "v0"), Step: "deleteSecret" }, ARN, f, signingKeyRotator))).to.contain(
                "unknown step",
            );
        });

        it("a current value that is not JSON, without quoting it", async () => {
            const f = new FakeSecrets(ARN, {});
            f.versions.get("v0")!.value = "hunter2-not-json";
            const message = await refusal(step(f, signingKeyRotator, "createSecret", f.startRotation()));
            expect(message).to.contain("not a JSON document");
            expect(message).not.to.contain("hunter2");
        });
    });

    describe("a tool's login (Grafana's admin)", () => {
        it("gets a new password of 32 characters for the same user", async () => {
            const f = new FakeSecrets(ARN, { username: "omnicare-admin", password: "p".repeat(32) });
            await rotation(f, passwordRotator);
            const now = f.value("AWSCURRENT");
            expect(now.username).to.equal("omnicare-admin");
            expect(now.password).to.have.length.of.at.least(32).and.not.equal("p".repeat(32));
        });

        it("testSecret refuses the current password again", async () => {
            const f = new FakeSecrets(ARN, { username: "u", password: "p".repeat(32) });
            const token = f.startRotation();
            await f.putPendingValue(ARN, token, JSON.stringify({ username: "u", password: "p".repeat(32) }));
            expect(await refusal(step(f, passwordRotator, "testSecret", token))).to.contain("is the current one");
        });
    });

    describe("an ElastiCache user's password", () => {
        const userArn = "arn:aws:elasticache:us-east-1:123456789012:user:caresync-prod-redis-api";
        class FakeElastiCache implements ElastiCacheApi {
            calls: string[] = [];
            statuses: string[] = ["modifying", "active"];
            passwords: string[] = [];
            async describeUser(userId: string) {
                this.calls.push(`describe ${userId}`);
                return { status: this.statuses.length > 1 ? this.statuses.shift()! : this.statuses[0], arn: userArn };
            }
            async setPasswords(userId: string, passwords: string[]) {
                this.calls.push(`modify ${userId}`);
                this.passwords = passwords;
            }
        }
        const target = { userId: "caresync-prod-redis-api", userArn, waitSeconds: 1, pollSeconds: 0 };
        const doc = { username: "api", password: "x".repeat(48), user_arn: userArn, host: "master.example", port: 6379 };

        it("setSecret waits for the user to be active, then lets it accept the new and the current password", async () => {
            const elasticache = new FakeElastiCache();
            const f = new FakeSecrets(ARN, doc);
            const token = f.startRotation();
            const rotator = redisUserRotator(elasticache, target);
            await step(f, rotator, "createSecret", token);
            await step(f, rotator, "setSecret", token);
            const pending = JSON.parse(await f.getSecretValue(ARN, "AWSPENDING", token));
            expect(elasticache.calls).to.deep.equal([
                "describe caresync-prod-redis-api",
                "describe caresync-prod-redis-api",
                "modify caresync-prod-redis-api",
            ]);
            expect(elasticache.passwords).to.deep.equal([pending.password, doc.password]);
            expect(pending).to.deep.include({ host: "master.example", port: 6379, username: "api", user_arn: userArn });
        });

        it("refuses an entry naming another user, and fails testSecret while the change has not reached every node", async () => {
            const elasticache = new FakeElastiCache();
            const rotator = redisUserRotator(elasticache, target);
            const other = new FakeSecrets(ARN, { ...doc, user_arn: userArn.replace("api", "worker") });
            expect(await refusal(step(other, rotator, "createSecret", other.startRotation()))).to.contain("does not rotate");
            elasticache.statuses = ["modifying"];
            const impatient = redisUserRotator(elasticache, { ...target, waitSeconds: 0 });
            const f = new FakeSecrets(ARN, doc);
            const token = f.startRotation();
            await step(f, impatient, "createSecret", token);
            expect(await refusal(step(f, impatient, "testSecret", token))).to.contain("still modifying after 0 s");
        });
    });

    describe("the age check of partner-issued entries", () => {
        const now = new Date("2026-12-07T00:00:00Z");
        const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600 * 1000);

        it("publishes the whole days since each entry's current value was stored", async () => {
            const put: unknown[] = [];
            const ages = await publishSecretAges(
                ["caresync/prod/smtp", "caresync/prod/alertmanager"],
                {
                    listVersions: async (name) =>
                        name.endsWith("smtp")
                            ? [
                                  { stages: ["AWSPREVIOUS"], created: daysAgo(200) },
                                  { stages: ["AWSCURRENT"], created: daysAgo(91.5) },
                              ]
                            : [{ stages: ["AWSCURRENT"], created: daysAgo(3) }],
                },
                { putAges: async (ns, a) => void put.push([ns, a]) },
                now,
            );
            expect(ages).to.deep.equal([
                { secretName: "caresync/prod/smtp", days: 91 },
                { secretName: "caresync/prod/alertmanager", days: 3 },
            ]);
            expect(put).to.deep.equal([[SECRET_AGE_METRIC.namespace, ages]]);
        });

        it("fails, after publishing the others, when an entry has no current value", async () => {
            const put: unknown[] = [];
            const message = await refusal(
                publishSecretAges(
                    ["a", "b"],
                    { listVersions: async (name) => (name === "a" ? [{ stages: ["AWSCURRENT"], created: daysAgo(1) }] : []) },
                    { putAges: async (_ns, a) => void put.push(a) },
                    now,
                ),
            );
            expect(message).to.contain("no current version of b");
            expect(put).to.deep.equal([[{ secretName: "a", days: 1 }]]);
        });
    });

    describe("the AWS SDK seams", () => {
        const recorder = (answer: (cmd: any) => unknown = () => ({})) => {
            const sent: any[] = [];
            return { sent, client: { send: async (cmd: any) => (sent.push(cmd), answer(cmd)) } as any };
        };

        it("Secrets Manager: a missing version becomes NotFoundError; the pending value is put under the token; promotion names both versions", async () => {
            const notFound = recorder(() => {
                throw new ResourceNotFoundException({ message: "none", $metadata: {} });
            });
            try {
                await secretsApi(notFound.client).getSecretValue(ARN, "AWSPENDING", "v1");
                expect.fail("no error");
            } catch (e) {
                expect(e).to.be.instanceOf(NotFoundError);
            }
            const r = recorder();
            await secretsApi(r.client).putPendingValue(ARN, "v1", "{}", "rt");
            await secretsApi(r.client).promote(ARN, "v1", "v0");
            expect(r.sent.map((c) => [c.constructor.name, c.input])).to.deep.equal([
                [
                    "PutSecretValueCommand",
                    { SecretId: ARN, ClientRequestToken: "v1", SecretString: "{}", VersionStages: ["AWSPENDING"], RotationToken: "rt" },
                ],
                [
                    "UpdateSecretVersionStageCommand",
                    { SecretId: ARN, VersionStage: "AWSCURRENT", MoveToVersionId: "v1", RemoveFromVersionId: "v0" },
                ],
            ]);
        });

        it("ElastiCache, CloudWatch and version listing send what their APIs take", async () => {
            const r = recorder((c) =>
                c.constructor.name === "ListSecretVersionIdsCommand"
                    ? { Versions: [{ VersionStages: ["AWSCURRENT"], CreatedDate: new Date(0) }] }
                    : {},
            );
            await elastiCacheApi(r.client).setPasswords("u1", ["a", "b"]);
            await metricsApi(r.client).putAges("ns", [{ secretName: "s", days: 4 }]);
            expect(await secretVersionsApi(r.client).listVersions("s")).to.deep.equal([{ stages: ["AWSCURRENT"], created: new Date(0) }]);
            expect(r.sent.map((c) => [c.constructor.name, c.input])).to.deep.equal([
                ["ModifyUserCommand", { UserId: "u1", AuthenticationMode: { Type: "password", Passwords: ["a", "b"] } }],
                [
                    "PutMetricDataCommand",
                    {
                        Namespace: "ns",
                        MetricData: [
                            { MetricName: "SecretAgeDays", Dimensions: [{ Name: "SecretName", Value: "s" }], Value: 4, Unit: "Count" },
                        ],
                    },
                ],
                ["ListSecretVersionIdsCommand", { SecretId: "s", IncludeDeprecated: false }],
            ]);
        });
    });

    describe("the entry point", () => {
        const saved = { ...process.env };
        afterEach(() => {
            process.env = { ...saved };
        });

        it("refuses to run without its kind, or with a kind it does not know", async () => {
            delete process.env.ROTATION_KIND;
            expect(await refusal(handler({}))).to.contain("ROTATION_KIND is not set");
            process.env.ROTATION_KIND = "kerberos";
            process.env.SECRET_ARN = ARN;
            expect(await refusal(handler({}))).to.contain("unknown ROTATION_KIND kerberos");
        });
    });
});
