import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { controls } from "../../policies/pack";
import { writeArtifacts } from "../../tools/engine/artifacts";
import { complianceMarkdown } from "../../tools/report/markdown";
import { aws, res } from "../support/controls";
import { fixturePlan, sharedAnalyzer, violationsOf } from "../support/engine";

const plan = fixturePlan([
    aws("aws:kms/key:Key", "data-key", { enableKeyRotation: false, deletionWindowInDays: 30 }),
    aws("aws:kms/key:Key", "logs-key", { enableKeyRotation: true, deletionWindowInDays: 30 }),
    res("aws:iam/rolePolicy:RolePolicy", "inline", {
        role: "r",
        policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "logs:PutLogEvents", Resource: "*" }] }),
    }),
]);

describe("the compliance report", () => {
    it("puts the verdict and the mandatory violations before the sections", async () => {
        const md = complianceMarkdown(plan, await violationsOf(plan));
        expect(md).to.match(/^# HIPAA compliance report — careplane \/ prod \(prod\)/);
        expect(md).to.contain("**Verdict: FAIL**");
        const violations = md.indexOf("## Mandatory violations");
        const rotation = md.indexOf("**careplane-kms-key-rotation** (high): data-key (aws:kms/key:Key): automatic key rotation is off");
        expect(rotation).to.be.greaterThan(violations);
        expect(rotation).to.be.lessThan(md.indexOf("## By HIPAA section"));
    });

    it("lists advisory findings with the reason the control is advisory", async () => {
        const md = complianceMarkdown(plan, await violationsOf(plan));
        expect(md).to.contain("- **careplane-iam-no-inline-policy** — why advisory:");
        expect(md).to.contain("an inline policy bound to one role is still least-privilege");
        expect(md).to.contain("  - inline (aws:iam/rolePolicy:RolePolicy): it is an inline policy");
    });

    it("shows each section's controls with the resources they examined, failing sections first", async () => {
        const md = complianceMarkdown(plan, await violationsOf(plan));
        const sections = [...md.matchAll(/^### (\S+) — .* — (✅ pass|❌ fail)$/gm)].map((m) => ({
            section: m[1],
            pass: m[2] === "✅ pass",
        }));
        expect(sections.length).to.equal(new Set(controls.flatMap((c) => c.meta.hipaa)).size);
        const firstPass = sections.findIndex((s) => s.pass);
        expect(sections.slice(firstPass).every((s) => s.pass)).to.equal(true);
        expect(sections.find((s) => s.section === "164.312(a)(2)(iv)")!.pass).to.equal(false);
        expect(md).to.contain("| careplane-kms-key-rotation | mandatory | 2 | 1 | ❌ fail |");
        expect(md).to.contain("- ❌ fail `data-key` (aws:kms/key:Key): data-key (aws:kms/key:Key): automatic key rotation is off");
        expect(md).to.contain("- ✅ pass `logs-key` (aws:kms/key:Key)");
    });

    it("is written by the preview's artifact writers as out/<stack>/compliance.md", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-report-"));
        const violations = await violationsOf(plan);
        const files = writeArtifacts({ plan, violations, policies: (await sharedAnalyzer()).policies }, dir);
        const report = path.join(dir, "prod", "compliance.md");
        expect(files).to.include(report);
        expect(fs.readFileSync(report, "utf8")).to.equal(complianceMarkdown(plan, violations));
        fs.rmSync(dir, { recursive: true });
    });
});
