// careplane:account and careplane:deployer: where a stack deploys [18.1, 18.6, 22.10], checked
// once at start-up against the stack files beside it, and recorded in plan.json.
import { TEMPLATE_PUBLISHER_ACCOUNT } from "../components/data/rotation/aws-template";
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify } from "yaml";
import { ConfigError, parseStackConfig } from "../components/config/stack-config";
import { SiblingStack, siblingStacks } from "../components/config/sibling-stacks";
import { elbLogDeliveryAccounts } from "../policies/lib/elb-log-delivery";
import { PlanError, readPlan } from "../tools/engine/plan";
import { findStackFiles, readStackFile } from "../tools/engine/stack-files";
import { deploymentKeys, planOf, ROOT, STACKS } from "./support/engine";

const EXAMPLES = path.join(ROOT, "examples");
const folders = [
    ROOT,
    ...fs
        .readdirSync(EXAMPLES, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => path.join(EXAMPLES, e.name)),
];

const dev = {
    "aws:region": "us-east-1",
    "careplane:environment": "dev",
    "careplane:app": "caresync",
    "careplane:owner": "platform-team",
    "careplane:monitoring": JSON.stringify({ oncallEmail: "oncall@hospital.example.org" }),
    // The load balancer's certificate, requested in the stack's zone (every stack needs one).
    "careplane:compute": JSON.stringify({ ingress: { hostname: "dev.caresync.example.org", hostedZoneId: "Z0DEVCARESYNC0EXAMPLE1" } }),
    "aws:allowedAccountIds": '["210987654321"]',
    "careplane:account": JSON.stringify({ id: "210987654321", singletons: true }),
    "careplane:deployer": JSON.stringify({ repository: "example-health/careplane" }),
    "careplane:access": JSON.stringify({ breakGlass: { users: ["security-officer"] } }),
};
const FILE = "fixtures/Pulumi.dev.yaml";

function errorOf(raw: Record<string, string | undefined>, siblings: SiblingStack[] = [], file = FILE): string {
    const config = Object.fromEntries(Object.entries({ ...dev, ...raw }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    try {
        parseStackConfig(config, file, siblings);
    } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        expect((e as Error).message).to.not.contain("\n");
        return (e as Error).message;
    }
    throw new Error("expected a ConfigError");
}

const sibling = (environment: string, accountId: string, singletons: boolean, region = "us-east-1"): SiblingStack => ({
    file: `fixtures/Pulumi.${environment}.yaml`,
    environment,
    region,
    accountId,
    singletons,
});

describe("careplane:account: the account a stack deploys into", () => {
    it("every stack file of the repository and the examples pins aws:allowedAccountIds to its own account", () => {
        let files = 0;
        for (const dir of folders) {
            for (const stack of findStackFiles(dir)) {
                const { config, file } = readStackFile(dir, stack);
                const account = JSON.parse(config["careplane:account"]);
                expect(JSON.parse(config["aws:allowedAccountIds"]), file).to.deep.equal([account.id]);
                files++;
            }
        }
        expect(files).to.equal(16); // 4 repository stacks and 12 example stacks (caresync's prod-dr among them)
    });

    it("lays the examples and the repository out one account per environment (a pilot light in its primary's, another region), each stack owning its account's singletons in its region", () => {
        for (const dir of folders) {
            const stacks = findStackFiles(dir).map((s) => parseStackConfig(readStackFile(dir, s).config, readStackFile(dir, s).file));
            const accountOf = new Map(stacks.map((c) => [c.environment, c.account.id]));
            expect(new Set(stacks.map((c) => c.account.id)).size, dir).to.equal(accountOf.size);
            for (const c of stacks) expect(c.account.id, c.file).to.equal(accountOf.get(c.environment));
            const shared = stacks.filter((c) => stacks.some((o) => o !== c && o.account.id === c.account.id));
            expect(
                shared.every((c) => c.environment === "prod"),
                dir,
            ).to.equal(true);
            expect(shared.filter((c) => c.dr.role === "pilot-light").length, dir).to.equal(shared.length === 0 ? 0 : shared.length - 1);
            expect(new Set(shared.map((c) => c.region)).size, dir).to.equal(shared.length);
            expect(stacks.every((c) => c.account.singletons)).to.equal(true);
        }
    });

    const cases: Array<[string, Record<string, string | undefined>, string]> = [
        [
            "a missing account",
            { "careplane:account": undefined },
            `${FILE}: careplane:account = (missing) is not allowed: expected a mapping { id: "<12 digits>", singletons: true|false }`,
        ],
        [
            "an id that is not 12 digits",
            { "careplane:account": JSON.stringify({ id: "21098765432", singletons: true }) },
            `${FILE}: careplane:account.id = "21098765432" is not allowed: expected the 12-digit AWS account id as a quoted string, such as "123456789012"`,
        ],
        [
            "an unquoted id, which YAML reads as a number and would lose a leading zero",
            { "careplane:account": JSON.stringify({ id: 210987654321, singletons: true }) },
            `${FILE}: careplane:account.id = 210987654321 is not allowed: expected the 12-digit AWS account id as a quoted string`,
        ],
        [
            "no word on singletons",
            { "careplane:account": JSON.stringify({ id: "210987654321" }) },
            `${FILE}: careplane:account.singletons = (missing) is not allowed: expected true or false: whether this stack owns the account's singletons`,
        ],
        [
            "no provider pin",
            { "aws:allowedAccountIds": undefined },
            `${FILE}: aws:allowedAccountIds = (missing) is not allowed: expected ["210987654321"], the account of careplane:account.id, and no other`,
        ],
        [
            "a provider pin to another account",
            { "aws:allowedAccountIds": '["123456789012"]' },
            `${FILE}: aws:allowedAccountIds = ["123456789012"] is not allowed: expected ["210987654321"], the account of careplane:account.id, and no other`,
        ],
        [
            "a provider pin that also allows another account",
            { "aws:allowedAccountIds": '["210987654321","123456789012"]' },
            `${FILE}: aws:allowedAccountIds = ["210987654321","123456789012"] is not allowed: expected ["210987654321"]`,
        ],
    ];
    for (const [what, raw, expected] of cases) {
        it(`refuses ${what} in one line`, () => {
            expect(errorOf(raw)).to.satisfy((m: string) => m.startsWith(expected), errorOf(raw));
        });
    }

    describe("against the stack files beside it", () => {
        it("refuses a non-prod stack in prod's account [22.10]", () => {
            expect(errorOf({}, [sibling("prod", "210987654321", true)])).to.equal(
                `${FILE}: careplane:account.id = "210987654321" is not allowed: fixtures/Pulumi.prod.yaml deploys prod into this account; a dev stack needs an account of its own`,
            );
        });

        it("refuses a second owner of an account's singletons in a region [18.6]", () => {
            expect(errorOf({}, [sibling("staging", "210987654321", true)])).to.equal(
                `${FILE}: careplane:account.singletons = true is not allowed: fixtures/Pulumi.staging.yaml already owns the singletons of account 210987654321 in us-east-1; exactly one stack per account and region owns them`,
            );
        });

        it("refuses an account whose singletons no stack owns", () => {
            const notOwner = { "careplane:account": JSON.stringify({ id: "210987654321", singletons: false }) };
            expect(errorOf(notOwner, [sibling("test", "210987654321", false)])).to.equal(
                `${FILE}: careplane:account.singletons = false is not allowed: no stack file beside it owns the singletons of account 210987654321 in us-east-1; set true on exactly one stack per account and region`,
            );
        });

        it("accepts non-prod stacks sharing an account with one owner, and an owner per region of one account", () => {
            const notOwner = { ...dev, "careplane:account": JSON.stringify({ id: "210987654321", singletons: false }) };
            expect(() => parseStackConfig(notOwner, FILE, [sibling("staging", "210987654321", true)])).to.not.throw();
            expect(() => parseStackConfig(dev, FILE, [sibling("staging", "210987654321", true, "eu-west-1")])).to.not.throw();
            expect(() => parseStackConfig(dev, FILE, [sibling("prod", "123456789012", true)])).to.not.throw();
        });

        it("reads the siblings from the stack file's own folder, skipping the file itself and files that do not parse", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-siblings-"));
            const write = (stack: string, config: object) =>
                fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify({ config }));
            write("prod", {
                "careplane:environment": "prod",
                "aws:region": "us-east-1",
                "careplane:account": { id: "210987654321", singletons: true },
            });
            write("dev", { "careplane:environment": "dev" });
            fs.writeFileSync(path.join(dir, "Pulumi.broken.yaml"), "config: [unclosed");
            expect(siblingStacks(path.join(dir, "Pulumi.dev.yaml"))).to.deep.equal([
                {
                    file: path.join(dir, "Pulumi.prod.yaml"),
                    environment: "prod",
                    region: "us-east-1",
                    accountId: "210987654321",
                    singletons: true,
                },
            ]);
            expect(() => parseStackConfig(dev, path.join(dir, "Pulumi.dev.yaml"))).to.throw(ConfigError, "deploys prod into this account");
            expect(siblingStacks("dev"), "config not read from a stack file has no folder").to.deep.equal([]);
        });
    });
});

describe("careplane:deployer: where the jobs that reach the cluster and the database run", () => {
    it("defaults to the in-VPC runner and needs the repository that deploys the stack", () => {
        expect(parseStackConfig(dev, FILE, []).deployer).to.deep.equal({ runner: "vpc", repository: "example-health/careplane" });
        expect(errorOf({ "careplane:deployer": "{}" })).to.equal(
            `${FILE}: careplane:deployer.repository = (missing) is not allowed: expected the GitHub repository that deploys the stack, as owner/name, such as example-health/careplane`,
        );
        expect(errorOf({ "careplane:deployer": JSON.stringify({ runner: "laptop", repository: "a/b" }) })).to.equal(
            `${FILE}: careplane:deployer.runner = "laptop" is not allowed: expected one of vpc, github-hosted`,
        );
    });

    it("refuses GitHub-hosted runners for a stack whose Kubernetes API or database they cannot reach", () => {
        const hosted = { "careplane:deployer": JSON.stringify({ runner: "github-hosted", repository: "a/b" }) };
        expect(errorOf(hosted)).to.equal(
            `${FILE}: careplane:deployer.runner = "github-hosted" is not allowed: GitHub-hosted runners cannot reach the private EKS endpoint; use "vpc"`,
        );
        // A public Kubernetes API is not enough: every stack creates its PostgreSQL roles in the private database.
        const publicApi = {
            ...hosted,
            "careplane:compute": JSON.stringify({ ...JSON.parse(dev["careplane:compute"]), publicEndpointCidrs: ["203.0.113.0/24"] }),
        };
        expect(errorOf(publicApi)).to.equal(
            `${FILE}: careplane:deployer.runner = "github-hosted" is not allowed: GitHub-hosted runners cannot reach the private database (the PostgreSQL roles every stack creates); use "vpc"`,
        );
    });
});

describe("plan.json: deployment", () => {
    for (const stack of STACKS) {
        it(`${stack}: records the account, region, runner and singletons, and every ARN the mocks answer is in that account`, async () => {
            const plan = await planOf(stack);
            const { config } = readStackFile(ROOT, stack);
            const account = JSON.parse(deploymentKeys(stack)["careplane:account"]);
            expect(plan.deployment).to.deep.equal({
                accountId: account.id,
                region: config["aws:region"],
                runner: "vpc",
                singletons: account.singletons,
            });
            const accounts = new Set(
                [...JSON.stringify(plan.resources).matchAll(/arn:aws:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g)].map((m) => m[1]),
            );
            // AWS's own accounts appear too: the load balancers' log-delivery accounts of the regions.
            for (const aws of Object.values(elbLogDeliveryAccounts)) accounts.delete(aws);
            // ...and the account that publishes AWS's secret rotation templates in the Serverless Application Repository.
            accounts.delete(TEMPLATE_PUBLISHER_ACCOUNT);
            expect([...accounts]).to.deep.equal([account.id]);
        });
    }

    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-plan-"));
    const write = (plan: object) => {
        const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.json`);
        fs.writeFileSync(file, JSON.stringify(plan));
        return file;
    };
    const older = { project: "careplane", stack: "dev", environment: "dev", resources: [] };

    it("still reads a plan written before the field existed", () => {
        expect(readPlan(write(older))).to.not.have.property("deployment");
    });

    it("refuses a malformed deployment with one line", () => {
        const deployment = { accountId: "210987654321", region: "us-east-1", runner: "vpc", singletons: true };
        expect(readPlan(write({ ...older, deployment })).deployment).to.deep.equal(deployment);
        expect(() => readPlan(write({ ...older, deployment: { ...deployment, accountId: "1234" } }))).to.throw(
            PlanError,
            "deployment.accountId must be a 12-digit account id",
        );
        expect(() => readPlan(write({ ...older, deployment: { ...deployment, singletons: "yes" } }))).to.throw(
            PlanError,
            "deployment.singletons must be true or false",
        );
        expect(() => readPlan(write({ ...older, deployment: [] }))).to.throw(PlanError, '"deployment" must be an object');
    });
});
