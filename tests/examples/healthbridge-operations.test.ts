import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { ofType, ROOT } from "../support/engine";
import { examplePlan } from "./support";

// HealthBridge Namibia [seed 004]: "Verification: Weekly restore tests"; "Monitoring: Grafana, Prometheus".
const guide = { stacks: ["dev", "staging", "prod"] };

describe("examples/healthbridge operations [seed 004]", () => {
    for (const stack of guide.stacks) {
        it(`${stack}: restores the latest database and bucket recovery points every week`, async () => {
            const plan = await examplePlan("healthbridge", stack);
            const [testing] = ofType(plan, "aws:backup/restoreTestingPlan:RestoreTestingPlan");
            expect(testing, "a restore-testing plan").to.not.equal(undefined);
            expect(testing.inputs.scheduleExpression).to.match(/^cron\(\d+ \d+ \? \* SUN \*\)$/);
            const types = ofType(plan, "aws:backup/restoreTestingSelection:RestoreTestingSelection").map(
                (s) => s.inputs.protectedResourceType,
            );
            expect(types).to.have.members(["RDS", "S3"]);
        });

        it(`${stack}: runs Grafana behind its admin login, with no anonymous access`, async () => {
            const release = ofType(await examplePlan("healthbridge", stack), "kubernetes:helm.sh/v3:Release").find(
                (r) => r.inputs.chart === "kube-prometheus-stack",
            )!;
            const grafana = (release.inputs.values as any).grafana;
            expect(grafana.enabled).to.equal(true);
            expect(grafana.admin.existingSecret).to.be.a("string");
            expect(grafana["grafana.ini"]["auth.anonymous"]).to.deep.equal({ enabled: false });
        });
    }

    it("names af-south-1 as careplane's choice, not as the guide's (the guide names no region)", () => {
        const readme = fs.readFileSync(path.join(ROOT, "examples", "healthbridge", "README.md"), "utf8");
        expect(readme).to.not.match(/^\| data kept in Cape Town/m);
        expect(readme).to.match(/af-south-1 \(Cape Town\): careplane's choice/);
    });
});
