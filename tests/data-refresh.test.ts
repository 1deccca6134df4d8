// careplane:dataRefresh: prod shares its scrubbed database snapshots with the staging and test accounts
// under a key of its own [000: staging on a recent anonymized production backup, test on anonymized
// production-like data; 001: staging on an anonymized production data subset].
import { expect } from "chai";
import * as path from "path";
import { ConfigError, parseStackConfig } from "../components/config/stack-config";
import { readPolicyConfig } from "../tools/engine/policy-config";
import { readStackFile } from "../tools/engine/stack-files";
import { Plan, PlannedResource } from "../tools/engine/plan";
import { examplePlan } from "./examples/support";
import { ofType, planOf, ROOT, violationsOfPolicy } from "./support/engine";

const EXAMPLES = path.join(ROOT, "examples");
const KEY = "aws:kms/key:Key";
const PRINCIPALS_TRUSTED = "careplane-iam-principals-trusted";

/** Each system's guide, as these specs read it: who receives prod's scrubbed data, in which account. */
const systems = {
    caresync: { app: "caresync", prodAccount: "123456789012", targets: { staging: "777788889999", test: "444455556666" } },
    arocord: { app: "hims", prodAccount: "123456789012", targets: { staging: "210987654321" } },
} as const;

interface Statement {
    Sid: string;
    Effect: string;
    Principal: unknown;
    Action: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

const shareKey = (plan: Plan): PlannedResource[] =>
    ofType(plan, KEY).filter((k) => (k.inputs.tags as Record<string, string>).KeyClass === "data-refresh");
const statementsOf = (key: PlannedResource): Statement[] => JSON.parse(String(key.inputs.policy)).Statement;
const actions = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const principalOf = (s: Statement) => (s.Principal as { AWS?: string }).AWS;

function configError(system: string, stack: string, overrides: Record<string, unknown>): string {
    const file = readStackFile(path.join(EXAMPLES, system), stack);
    const raw = { ...file.config, ...Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, JSON.stringify(v)])) };
    try {
        parseStackConfig(raw, file.file);
    } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        expect((e as Error).message).not.to.contain("\n");
        return (e as Error).message;
    }
    throw new Error("expected a ConfigError");
}

describe("careplane:dataRefresh: prod's scrubbed snapshots shared with staging and test", function () {
    this.timeout(300000);
    describe("the config: only prod shares, only with its staging and test accounts", () => {
        const caresync = (file: string) => path.relative(ROOT, path.join(EXAMPLES, "caresync", file));
        const cases: Array<[string, string, unknown, string]> = [
            [
                "a staging stack sharing",
                "staging",
                { targets: [{ environment: "test", account: "444455556666" }] },
                `${caresync("Pulumi.staging.yaml")}: careplane:dataRefresh = {"targets":[{"environment":"test","account":"444455556666"}]} is not allowed: only the prod stack shares its scrubbed data; remove it from this staging stack`,
            ],
            [
                "a dev target",
                "prod",
                { targets: [{ environment: "dev", account: "111122223333" }] },
                `${caresync("Pulumi.prod.yaml")}: careplane:dataRefresh.targets.0.environment = "dev" is not allowed: expected one of staging, test: the environment refreshed from prod`,
            ],
            [
                "an account that is not 12 digits",
                "prod",
                { targets: [{ environment: "staging", account: 777788889999 }] },
                `${caresync("Pulumi.prod.yaml")}: careplane:dataRefresh.targets.0.account = 777788889999 is not allowed: expected the 12-digit AWS account id as a quoted string, such as "210987654321"`,
            ],
            [
                "prod's own account",
                "prod",
                { targets: [{ environment: "staging", account: "123456789012" }] },
                `${caresync("Pulumi.prod.yaml")}: careplane:dataRefresh.targets.0.account = "123456789012" is not allowed: that is prod's own account; expected the account of the staging stack`,
            ],
            [
                "an account that is not the staging stack's",
                "prod",
                { targets: [{ environment: "staging", account: "999999999999" }] },
                `${caresync("Pulumi.prod.yaml")}: careplane:dataRefresh.targets.0.account = "999999999999" is not allowed: ${caresync("Pulumi.staging.yaml")} deploys staging into account 777788889999; expected that account`,
            ],
            [
                "one environment twice",
                "prod",
                {
                    targets: [
                        { environment: "staging", account: "777788889999" },
                        { environment: "staging", account: "777788889999" },
                    ],
                },
                `${caresync("Pulumi.prod.yaml")}: careplane:dataRefresh.targets = [{"environment":"staging","account":"777788889999"},{"environment":"staging","account":"777788889999"}] is not allowed: expected each environment once`,
            ],
            [
                "an unknown key",
                "prod",
                { targets: [{ environment: "staging", account: "777788889999", region: "us-west-2" }] },
                `${caresync("Pulumi.prod.yaml")}: careplane:dataRefresh.targets.0.region = "us-west-2" is not allowed: unknown key; allowed keys: environment, account`,
            ],
        ];
        for (const [what, stack, value, message] of cases) {
            it(`rejects ${what}`, () => {
                expect(configError("caresync", stack, { "careplane:dataRefresh": value })).to.equal(message);
            });
        }
    });

    for (const [system, guide] of Object.entries(systems)) {
        describe(`examples/${system}`, () => {
            it("prod makes one share key: rotating, protected, tagged, aliased <app>-prod-data-refresh", async () => {
                const plan = await examplePlan(system, "prod");
                const keys = shareKey(plan);
                expect(keys).to.have.length(1);
                const [key] = keys;
                expect(key.protect).to.equal(true);
                expect(key.inputs).to.include({ enableKeyRotation: true, deletionWindowInDays: 30 });
                expect(key.inputs.tags).to.include({ Environment: "prod", DataClassification: "confidential", ManagedBy: "pulumi" });
                const aliases = ofType(plan, "aws:kms/alias:Alias").map((a) => a.inputs.name);
                expect(aliases).to.include(`alias/${guide.app}-prod-data-refresh`);
            });

            it("each target account may only copy through RDS in prod's region: DescribeKey, CreateGrant for RDS's resources, no Encrypt", async () => {
                const statements = statementsOf(shareKey(await examplePlan(system, "prod"))[0]);
                for (const account of Object.values(guide.targets)) {
                    const own = statements.filter((s) => principalOf(s) === `arn:aws:iam::${account}:root`);
                    const granted = own.flatMap(actions);
                    expect(granted, account).to.include.members(["kms:DescribeKey", "kms:CreateGrant", "kms:Decrypt"]);
                    expect(granted, account).not.to.include("kms:Encrypt");
                    for (const s of own) {
                        expect(s.Effect).to.equal("Allow");
                        expect(s.Condition?.StringEquals, s.Sid).to.deep.equal({
                            "kms:CallerAccount": account,
                            "kms:ViaService": ["rds.us-east-1.amazonaws.com"],
                        });
                        if (actions(s).includes("kms:CreateGrant")) {
                            expect(s.Condition?.Bool, s.Sid).to.deep.equal({ "kms:GrantIsForAWSResource": "true" });
                        }
                    }
                }
            });

            it("no account beyond prod's and the targets', and in prod only break-glass (the scrub role) uses it", async () => {
                const statements = statementsOf(shareKey(await examplePlan(system, "prod"))[0]);
                const accounts = new Set(
                    statements.flatMap((s) => {
                        const p = principalOf(s);
                        return typeof p === "string" ? [p.split(":")[4]] : [];
                    }),
                );
                expect([...accounts].sort()).to.deep.equal([guide.prodAccount, ...Object.values(guide.targets)].sort());
                const prodUse = statements.filter(
                    (s) => principalOf(s) === `arn:aws:iam::${guide.prodAccount}:root` && actions(s).includes("kms:Decrypt"),
                );
                expect(prodUse.map((s) => s.Sid)).to.deep.equal(["ScrubRoleCopiesThroughRds"]);
                expect(prodUse[0].Condition?.ArnEquals).to.deep.equal({
                    "aws:PrincipalArn": `arn:aws:iam::${guide.prodAccount}:role/${guide.app}-prod-break-glass`,
                });
            });

            it("the stacks that receive build no share key", async () => {
                for (const stack of Object.keys(guide.targets)) expect(shareKey(await examplePlan(system, stack)), stack).to.deep.equal([]);
            });

            it(`the pack flags the target accounts unless the pack configuration trusts them, and ${system}'s policy-config.json does`, async () => {
                const plan = await examplePlan(system, "prod");
                const untrusted = await violationsOfPolicy(PRINCIPALS_TRUSTED, plan);
                const [key] = shareKey(plan);
                expect(untrusted.length).to.be.greaterThan(0);
                for (const v of untrusted) expect(v.urn).to.equal(key.urn);
                for (const account of Object.values(guide.targets)) {
                    expect(
                        untrusted.some((v) => v.message.includes(`account ${account} is neither the stack's`)),
                        account,
                    ).to.equal(true);
                }
                const config = readPolicyConfig(path.join(EXAMPLES, system, "policy-config.json"));
                expect(config[PRINCIPALS_TRUSTED].trustedAccounts).to.have.members(Object.values(guide.targets));
                expect(await violationsOfPolicy(PRINCIPALS_TRUSTED, plan, config)).to.deep.equal([]);
            });
        });
    }

    it("the root stacks share nothing: no share key in the repository's prod", async () => {
        expect(shareKey(await planOf("prod"))).to.deep.equal([]);
    });
});
