// The small tools the workflows run: the stack facts, the pull request's comment, the drift verdict.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { COMMENT_LIMIT, COMMENT_MARKER, prComment } from "../../tools/ci/pr-comment";
import { classifyRefresh, driftReport } from "../../tools/ci/drift-report";
import { ciStacks } from "../../tools/ci/stacks";
import { ROOT, STACKS } from "../support/engine";

describe("npm run ci:stacks", () => {
    it("gives each stack its fully qualified name, region, account, runner project and CI roles", () => {
        const stacks = ciStacks(ROOT, "example-health");
        expect(Object.keys(stacks)).to.deep.equal([...STACKS]);
        expect(stacks.prod).to.deep.include({
            qualified: "example-health/careplane/prod",
            region: "us-east-1",
            account: "123456789012",
            runnerProject: "caresync-prod-ci-runner",
        });
        expect(stacks.prod.roles.deploy).to.equal("arn:aws:iam::123456789012:role/caresync-prod-ci-deploy");
    });

    it("fails loudly, exit 2, when the Pulumi organization is missing", () => {
        const run = spawnSync("npm", ["run", "--silent", "ci:stacks", "--", "--org", ""], { cwd: ROOT, encoding: "utf8" });
        expect(run.status).to.equal(2);
        expect(run.stderr).to.contain("PULUMI_ORGANIZATION");
    });
});

describe("the pull request's comment", () => {
    const out = () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-comment-"));
        const write = (stack: string, violations: object[]) => {
            fs.mkdirSync(path.join(dir, stack));
            fs.writeFileSync(path.join(dir, stack, "violations.json"), JSON.stringify(violations));
        };
        write("dev", [{ policyName: "careplane-a", message: "advisory | thing", enforcementLevel: "advisory", severity: "low", urn: "" }]);
        write("prod", [
            { policyName: "careplane-b", message: "mandatory thing", enforcementLevel: "mandatory", severity: "high", urn: "" },
            { policyName: "careplane-c", message: "another", enforcementLevel: "mandatory", severity: "high", urn: "" },
        ]);
        return dir;
    };

    it("lists every violation of every stack, mandatory first, and says so on failure", () => {
        const body = prComment(out(), "failure");
        expect(body.startsWith(COMMENT_MARKER)).to.equal(true);
        expect(body).to.contain("❌ Offline preview: 2 mandatory violation(s)");
        const rows = body.split("\n").filter((l) => l.startsWith("| dev") || l.startsWith("| prod"));
        expect(rows).to.deep.equal([
            "| prod | mandatory | `careplane-b` | mandatory thing |",
            "| prod | mandatory | `careplane-c` | another |",
            "| dev | advisory | `careplane-a` | advisory \\| thing |",
        ]);
    });

    it("carries every deploy-readiness finding of out/readiness.md and the plan diff, or says they are missing", () => {
        const dir = out();
        expect(prComment(dir, "failure")).to.contain("wrote no out/readiness.md").and.contain("No plan diff was produced");
        fs.writeFileSync(path.join(dir, "readiness.md"), "| blocker | eks | the endpoint is private |\n");
        fs.writeFileSync(path.join(dir, "diff.md"), "## Plan diff\nNo changes.\n");
        const body = prComment(dir, "success");
        expect(body).to.contain("| blocker | eks | the endpoint is private |").and.contain("## Plan diff");
    });

    it("says the preview failed before any plan when out/ is empty, and fits GitHub's limit", () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-comment-"));
        expect(prComment(empty, "failure")).to.contain("failed before writing any plan");
        const dir = out();
        fs.writeFileSync(path.join(dir, "diff.md"), "x".repeat(200000));
        const body = prComment(dir, "failure");
        expect(body.length).to.be.at.most(COMMENT_LIMIT);
        expect(body).to.contain("cut to fit a comment");
    });
});

describe("the drift verdict", () => {
    const history = (head: string) => JSON.stringify([{ kind: "update", result: "succeeded", environment: { "git.head": head } }]);

    it("tells drift (changes proposed) from an error (any other failure) from a clean refresh", () => {
        expect(classifyRefresh(0, "")).to.equal("clean");
        expect(classifyRefresh(255, "error: no changes were expected but changes were proposed")).to.equal("drift");
        expect(classifyRefresh(255, "error: AccessDenied: not authorized to perform: eks:DescribeCluster")).to.equal("error");
        expect(classifyRefresh(1, "error: could not connect to the Kubernetes API")).to.equal("error");
    });

    it("reports merged-but-not-deployed separately, from the last succeeded update's commit", () => {
        expect(driftReport(0, "", history("abc"), "abc")).to.deep.equal({ status: "clean", deployedCommit: "abc", undeployed: false });
        expect(driftReport(0, "", history("abc"), "def")).to.deep.equal({ status: "clean", deployedCommit: "abc", undeployed: true });
        expect(driftReport(0, "", "[]", "def").undeployed).to.equal(true);
    });
});
