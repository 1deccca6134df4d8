import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { SecretsConfig } from "../../../components/config/schema/secrets";
import { Secrets, SecretsArgs } from "../../../components/data/secrets";
import { ACCOUNT, buildAlone, documentOf, keyArn, PARTITION } from "../../support/alone";

const READER = `arn:aws:iam::${ACCOUNT}:role/caresync-api`;

function secrets(
    changes: Partial<SecretsConfig>,
    stack = "dev",
    failover: Pick<SecretsArgs, "replication" | "replicatedFromPrimary"> = {},
) {
    return buildAlone((context, config) => {
        const s = new Secrets("secrets", {
            context,
            kmsKeyArn: keyArn("secrets"),
            documents: {
                "api/database": { document: { host: "db.example.internal", password: "stand-in" }, rotation: { kind: "password" } },
            },
            external: { "pagerduty-key": ["integrationKey"] },
            logins: { "grafana-admin": "caresync-admin" },
            accountId: ACCOUNT,
            partition: PARTITION,
            config: { ...config.secrets, ...changes },
            ...failover,
        });
        // The entries' policies wait for their readers, as in the platform.
        s.admit({ [`${context.app}/${context.environment}/api/database`]: [pulumi.output(READER)] }, {});
    }, stack);
}

type Built = Awaited<ReturnType<typeof secrets>>;
const entryNames = (built: Built) => built.ofType("aws:secretsmanager/secret:Secret").map((s) => s.inputs.name);

describe("Secrets, built alone", () => {
    it("replicates the entries it is told to, to that region under that key, and no other", async () => {
        const built = await secrets({}, "prod", {
            replication: { entries: ["api/database", "jwt"], region: "us-west-2", kmsKeyArn: "arn:aws:kms:us-west-2:123456789012:key/dr" },
        });
        const replicas = Object.fromEntries(
            built.ofType("aws:secretsmanager/secret:Secret").map((s) => [s.inputs.name, s.inputs.replicas]),
        );
        const expected = [{ region: "us-west-2", kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/dr" }];
        expect(replicas["caresync/prod/api/database"]).to.deep.equal(expected);
        expect(replicas["caresync/prod/jwt"]).to.deep.equal(expected);
        expect(replicas["caresync/prod/smtp"]).to.equal(undefined);
        expect(replicas["caresync/prod/grafana-admin"]).to.equal(undefined);
    });

    it("creates none of the entries replicated from the primary, and none of their values", async () => {
        const built = await secrets({}, "prod", { replicatedFromPrimary: ["api/database", "jwt", "smtp"] });
        expect(entryNames(built)).to.not.include.members(["caresync/prod/api/database", "caresync/prod/jwt", "caresync/prod/smtp"]);
        expect(entryNames(built)).to.include.members(["caresync/prod/pagerduty-key", "caresync/prod/grafana-admin"]);
        const generated = built.ofType("random:index/randomPassword:RandomPassword").map((p) => p.name);
        expect(generated.filter((n) => n.startsWith("secrets-jwt") || n === "secrets-smtp")).to.deep.equal([]);
    });

    it("stores the documents, external entries and logins it is given, and the extra names its config slice lists", async () => {
        const built = await secrets({ names: ["payments-api", "mail"] });
        expect(entryNames(built)).to.include.members(
            ["api/database", "pagerduty-key", "grafana-admin", "jwt", "smtp", "payments-api", "mail"].map((e) => `caresync/dev/${e}`),
        );
        expect(entryNames(await secrets({ names: [] }))).to.not.include("caresync/dev/payments-api");
    });

    it("keeps deleted entries recoverable for the configured window, encrypted with the secrets key", async () => {
        for (const recoveryWindowDays of [0, 14]) {
            for (const secret of (await secrets({ recoveryWindowDays })).ofType("aws:secretsmanager/secret:Secret")) {
                expect(secret.inputs, secret.name).to.include({ recoveryWindowInDays: recoveryWindowDays, kmsKeyId: keyArn("secrets") });
            }
        }
    });

    it("generates values of the configured length and never shows them", async () => {
        const built = await secrets({ length: 48 });
        const smtp = built.ofType("random:index/randomPassword:RandomPassword").find((p) => p.name === "secrets-smtp")!;
        expect(smtp.inputs.length).to.equal(48);
        for (const version of built.ofType("aws:secretsmanager/secretVersion:SecretVersion")) {
            expect(version.inputs.secretString, version.name).to.equal("[secret]");
        }
    });

    it("lets the readers it is told of read their entry only, refuses public policies, and protects entries in prod", async () => {
        const built = await secrets({});
        const policyOf = (name: string) =>
            JSON.stringify(
                documentOf(built.ofType("aws:secretsmanager/secretPolicy:SecretPolicy").find((p) => p.name === `secrets-${name}`)!),
            );
        expect(policyOf("api/database")).to.include(READER);
        expect(policyOf("jwt")).to.not.include(READER);
        for (const policy of built.ofType("aws:secretsmanager/secretPolicy:SecretPolicy"))
            expect(policy.inputs.blockPublicPolicy).to.equal(true);
        for (const secret of (await secrets({}, "prod")).ofType("aws:secretsmanager/secret:Secret"))
            expect(secret.protect, secret.name).to.equal(true);
    });
});
