import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Plan, PlannedResource, SECRET_MASK } from "../../tools/engine/plan";
import { previewBaseRef } from "../../tools/diff/base-ref";
import { diffPlans, StackDiff } from "../../tools/diff/compare";
import { renderMarkdown } from "../../tools/diff/markdown";
import { plansIn } from "../../tools/diff/stacks";
import { fixturePlan, planOf, ROOT } from "../support/engine";

/** What a diff says, by resource name, in a form a test can compare exactly. */
function summary(d: StackDiff) {
    return {
        added: d.added.map((r) => r.name).sort(),
        removed: d.removed.map((r) => r.name).sort(),
        changed: Object.fromEntries(d.changed.map((c) => [c.resource.name, c.keys])),
        warnings: d.warnings
            .map((w) => `${w.kind} ${w.stateful} ${w.resource.name}${w.inputs.length ? ` [${w.inputs.join(", ")}]` : ""}`)
            .sort(),
    };
}

const clone = (plan: Plan): Plan => JSON.parse(JSON.stringify(plan));
const find = (plan: Plan, type: string, name: string): PlannedResource => plan.resources.find((r) => r.type === type && r.name === name)!;

describe("plan diff", () => {
    describe("fixture plans that differ in known ways", () => {
        const base = fixturePlan([
            {
                type: "aws:s3/bucket:Bucket",
                name: "backups",
                inputs: { bucket: "caresync-prod-backups", objectLockEnabled: true, tags: { Owner: "a" } },
            },
            { type: "aws:s3/bucket:Bucket", name: "documents", inputs: { bucket: "caresync-prod-documents" } },
            {
                type: "aws:rds/instance:Instance",
                name: "db",
                protect: true,
                inputs: { engine: "postgres", engineVersion: "15.4", storageEncrypted: true },
            },
            {
                type: "aws:elasticache/replicationGroup:ReplicationGroup",
                name: "cache-7",
                inputs: { engineVersion: "7.1", transitEncryptionEnabled: true },
            },
            {
                type: "aws:elasticache/replicationGroup:ReplicationGroup",
                name: "cache-6",
                inputs: { engineVersion: "6.2", transitEncryptionEnabled: true },
            },
            { type: "aws:kms/key:Key", name: "data-key", protect: true, inputs: { enableKeyRotation: true } },
            { type: "aws:kms/key:Key", name: "logs-key", inputs: { enableKeyRotation: true } },
            { type: "random:index/randomPassword:RandomPassword", name: "db-password", inputs: { length: 32, special: true } },
            { type: "aws:secretsmanager/secretVersion:SecretVersion", name: "db-password", inputs: { secretString: SECRET_MASK } },
            { type: "aws:ec2/routeTable:RouteTable", name: "data-routes", inputs: {} },
            { type: "careplane:data:Database", name: "database", custom: false },
        ]);
        const head = clone(base);
        head.resources = head.resources.filter((r) => !["documents", "data-routes"].includes(r.name));
        find(head, "aws:s3/bucket:Bucket", "backups").inputs.tags = { Owner: "b" };
        Object.assign(find(head, "aws:rds/instance:Instance", "db").inputs, { engineVersion: "16.1", storageEncrypted: false });
        find(head, "aws:elasticache/replicationGroup:ReplicationGroup", "cache-7").inputs.transitEncryptionEnabled = false;
        find(head, "aws:elasticache/replicationGroup:ReplicationGroup", "cache-6").inputs.transitEncryptionEnabled = false;
        // The provider's default key spec, now spelled out: no replacement.
        find(head, "aws:kms/key:Key", "data-key").inputs.customerMasterKeySpec = "SYMMETRIC_DEFAULT";
        find(head, "aws:kms/key:Key", "data-key").protect = false;
        find(head, "aws:kms/key:Key", "logs-key").urn =
            "urn:pulumi:prod::careplane::careplane:security:EncryptionKeys$aws:kms/key:Key::logs-key";
        find(head, "random:index/randomPassword:RandomPassword", "db-password").inputs.length = 40;
        find(head, "aws:secretsmanager/secretVersion:SecretVersion", "db-password").inputs.secretString = SECRET_MASK;
        find(head, "careplane:data:Database", "database").inputs = { anything: 1 };
        head.resources.push(
            ...fixturePlan([{ type: "aws:ec2/securityGroup:SecurityGroup", name: "db-access", inputs: { description: "x" } }]).resources,
        );
        const diff = diffPlans(base, head);

        it("gives exactly the added, removed and changed resources with their changed input keys", () => {
            const s = summary(diff);
            expect(s.added).to.deep.equal(["db-access", "logs-key"]);
            expect(s.removed).to.deep.equal(["data-routes", "documents", "logs-key"]);
            expect(s.changed).to.deep.equal({
                backups: ["tags"],
                db: ["engineVersion", "storageEncrypted"],
                "cache-7": ["transitEncryptionEnabled"],
                "cache-6": ["transitEncryptionEnabled"],
                "data-key": ["customerMasterKeySpec"],
                "db-password": ["length"],
            });
        });

        it("warns on every stateful resource deleted, replaced or unprotected, and on nothing else", () => {
            expect(summary(diff).warnings).to.deep.equal([
                "delete bucket documents",
                "delete key logs-key",
                "replace cache cache-6 [transitEncryptionEnabled]",
                "replace database db [storageEncrypted]",
                "replace secret db-password [length]",
                "unprotect key data-key",
            ]);
            const moved = diff.warnings.find((w) => w.resource.name === "logs-key")!;
            expect(moved.movedTo).to.contain("careplane:security:EncryptionKeys$aws:kms/key:Key::logs-key");
        });

        it("renders Markdown for a PR comment: the warnings first and loud, then each change with before → after", () => {
            const md = renderMarkdown([diff], "fixtures");
            expect(md.indexOf("[!CAUTION]")).to.be.lessThan(md.indexOf("### prod"));
            expect(md).to.contain("**6 change(s) put stored data at risk.**");
            expect(md).to.contain(
                "🚨 **prod**: **REPLACE** database `db` (`aws:rds/instance:Instance`): `storageEncrypted` cannot change in place. It is protected",
            );
            expect(md).to.contain("🚨 **prod**: **DELETE** bucket `documents` (`aws:s3/bucket:Bucket`).");
            expect(md).to.contain("| prod | 2 | 3 | 6 | 🚨 6 |");
            expect(md).to.contain('  - `engineVersion`: `"15.4"` → `"16.1"`');
            expect(md).to.contain('  - `customerMasterKeySpec`: _(unset)_ → `"SYMMETRIC_DEFAULT"`');
            expect(md).to.contain("  - protect: `true` → `false`");
        });

        it("shows secret values only as the plans' mask", () => {
            const withSecret = clone(head);
            find(withSecret, "aws:secretsmanager/secretVersion:SecretVersion", "db-password").inputs.description = "rotated";
            const d = diffPlans(head, withSecret);
            expect(d.changed[0].changes).to.deep.equal([{ path: "description", before: undefined, after: "rotated" }]);
            const exposed = clone(head);
            find(exposed, "aws:secretsmanager/secretVersion:SecretVersion", "db-password").inputs.secretString = { nested: SECRET_MASK };
            expect(renderMarkdown([diffPlans(head, exposed)], "t")).to.contain(`\`"[secret]"\` → \`{"nested":"[secret]"}\``);
        });

        it("diffs inside JSON documents held in strings (IAM policies), by path", () => {
            const policy = (action: string) =>
                JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [action] }] });
            const a = fixturePlan([{ type: "aws:iam/rolePolicy:RolePolicy", name: "p", inputs: { policy: policy("s3:GetObject") } }]);
            const b = fixturePlan([{ type: "aws:iam/rolePolicy:RolePolicy", name: "p", inputs: { policy: policy("s3:*") } }]);
            expect(diffPlans(a, b).changed[0].changes).to.deep.equal([
                { path: "policy{}.Statement[0].Action[0]", before: "s3:GetObject", after: "s3:*" },
            ]);
        });

        it("reports a stack missing on one side as all added or all removed", () => {
            expect(summary(diffPlans(undefined, base)).added).to.have.length(10);
            // Every stateful resource of the base: two buckets, the database, two caches, two keys, the password.
            expect(summary(diffPlans(base, undefined)).warnings).to.have.length(8);
        });
    });

    describe("a real stack's plan", () => {
        it("with known edits gives exactly those differences and the stateful warnings", async () => {
            const base = await planOf("prod");
            const head = clone(base);
            head.resources = head.resources.filter((r) => r.name !== "keys-logs");
            find(head, "aws:kms/key:Key", "keys-data").inputs.customerMasterKeySpec = "RSA_4096";
            find(head, "aws:cloudwatch/logGroup:LogGroup", "network-flow-logs").inputs.retentionInDays = 731;
            (find(head, "aws:ec2/vpc:Vpc", "network").inputs.tags as Record<string, string>).CostCenter = "radiology";
            expect(summary(diffPlans(base, head))).to.deep.equal({
                added: [],
                removed: ["keys-logs", "keys-logs"],
                changed: { "keys-data": ["customerMasterKeySpec"], "network-flow-logs": ["retentionInDays"], network: ["tags"] },
                warnings: ["delete key keys-logs", "replace key keys-data [customerMasterKeySpec]"],
            });
        });

        it("from a config change gives exactly the inputs the change reaches", async () => {
            const base = await planOf("dev");
            const head = await planOf("dev", {
                "careplane:network": { cidr: "10.10.0.0/16", availabilityZones: 2, flowLogRetentionDays: 400 },
            });
            const d = diffPlans(base, head);
            expect(summary(d)).to.deep.equal({
                added: [],
                removed: [],
                changed: { "network-flow-logs": ["retentionInDays"] },
                warnings: [],
            });
            expect(d.changed[0].changes).to.deep.equal([{ path: "retentionInDays", before: 30, after: 400 }]);
        });

        it("across two stacks, matches resources by URN without the stack", async () => {
            const [staging, prod] = [await planOf("staging"), await planOf("prod")];
            const names = (plan: Plan) => new Set(plan.resources.filter((r) => r.custom).map((r) => r.urn.split("::").slice(2).join("::")));
            const [inStaging, inProd] = [names(staging), names(prod)];
            const d = diffPlans(staging, prod);
            expect(d.added.map((r) => r.urn.split("::").slice(2).join("::")).sort()).to.deep.equal(
                [...inProd].filter((n) => !inStaging.has(n)).sort(),
            );
            expect(d.removed.map((r) => r.urn.split("::").slice(2).join("::")).sort()).to.deep.equal(
                [...inStaging].filter((n) => !inProd.has(n)).sort(),
            );
            // Prod has a NAT gateway per AZ, staging one [seed 000 profiles].
            expect(d.added.filter((r) => r.type === "aws:ec2/natGateway:NatGateway").map((r) => r.name)).to.deep.equal([
                "network-nat-1",
                "network-nat-2",
            ]);
            // Physical names carry the environment, so named stateful resources differ by a replacing input, not by URN.
            expect(d.warnings.map((w) => w.kind))
                .to.include("replace")
                .and.not.include("delete");
        });
    });

    describe("npm run diff", () => {
        it("--base <git-ref> --stack previews those stacks of the ref's tree and compares them with the head's plans", function () {
            this.timeout(120000);
            const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-diff-test-"));
            const base = previewBaseRef("HEAD", ROOT, ["dev", "prod", "no-such-stack"]);
            try {
                const basePlans = plansIn(base.outDir);
                expect(basePlans.map((p) => p.stack).sort()).to.deep.equal(["dev", "prod"]);
                const headDir = path.join(tmp, "head");
                for (const plan of basePlans) {
                    const edited = clone(plan);
                    if (plan.stack === "prod") edited.resources = edited.resources.filter((r) => r.name !== "keys-backups");
                    fs.mkdirSync(path.join(headDir, plan.stack), { recursive: true });
                    fs.writeFileSync(path.join(headDir, plan.stack, "plan.json"), JSON.stringify(edited));
                }
                const outDir = path.join(tmp, "out");
                const args = [
                    "run",
                    "--silent",
                    "diff",
                    "--",
                    "--base",
                    "HEAD",
                    "--stack",
                    "dev",
                    "--stack",
                    "prod",
                    "--head",
                    headDir,
                    "--out",
                    outDir,
                ];
                const stdout = execFileSync("npm", args, { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
                const md = fs.readFileSync(path.join(outDir, "diff.md"), "utf8");
                expect(stdout).to.equal(md);
                const rows = md.split("\n").filter((l) => /^\| (dev|test|staging|prod) \|/.test(l));
                // The key and its alias are both named keys-backups; only the key holds data.
                expect(rows).to.deep.equal(["| dev | 0 | 0 | 0 | 0 |", "| prod | 0 | 2 | 0 | 🚨 1 |"]);
                expect(md).to.contain("🚨 **prod**: **DELETE** key `keys-backups` (`aws:kms/key:Key`). It is protected");
            } finally {
                base.cleanup();
                fs.rmSync(tmp, { recursive: true, force: true });
            }
        });

        it("exits 2 with one line for a ref that is not a commit", () => {
            let status = 0;
            let stderr = "";
            try {
                execFileSync("npm", ["run", "--silent", "diff", "--", "--base", "no-such-ref-xyz"], {
                    cwd: ROOT,
                    encoding: "utf8",
                    stdio: "pipe",
                });
            } catch (e) {
                status = (e as { status: number }).status;
                stderr = (e as { stderr: string }).stderr;
            }
            expect(status).to.equal(2);
            expect(stderr.trim().split("\n")).to.have.length(1);
            expect(stderr.trim()).to.match(/^no-such-ref-xyz: not a commit in /);
        });
    });
});
