import { expect } from "chai";
import { nonPublicRanges } from "../../components/compute/workloads";
import { ofType } from "../support/engine";
import { databaseInstances, examplePlan, theOne } from "./support";

// Tenant provisioning [seed 003]: MAIL_PORT 587, SOROBAN_RPC_URL https://…, postgres:15-alpine, Redis's eviction policy.
const guide = { egressPorts: [587, 443], postgresMajor: "15", evictionPolicy: "allkeys-lru" };

describe("examples/tenant-provisioning runtime [seed 003]", () => {
    it("lets the service reach the mail relay on 587 and the Soroban RPC endpoint on 443, at public addresses only", async () => {
        const policies = ofType(await examplePlan("tenant-provisioning", "prod"), "kubernetes:networking.k8s.io/v1:NetworkPolicy");
        const own = policies.find((p) => (p.inputs.metadata as { name: string }).name === "tenant-provisioning-traffic")!;
        const egress = (own.inputs.spec as { egress: Array<{ to: any[]; ports: Array<{ port: number }> }> }).egress;
        const internet = egress.filter((e) => e.to.some((t) => t.ipBlock?.cidr === "0.0.0.0/0"));
        expect(internet).to.have.length(1);
        expect(internet[0].ports.map((p) => p.port)).to.have.members(guide.egressPorts);
        expect(internet[0].to[0].ipBlock.except).to.include.members(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"]);
        // Nothing else in the namespace reaches the internet: the default policy denies, DNS aside.
        const others = policies.filter((p) => p !== own).flatMap((p) => (p.inputs.spec as { egress?: any[] }).egress ?? []);
        for (const e of others) for (const t of e.to ?? []) expect(t.ipBlock?.cidr).to.not.equal("0.0.0.0/0");
        expect(nonPublicRanges).to.include("100.64.0.0/10");
    });

    it("runs PostgreSQL 15 with a postgres15 parameter group", async () => {
        const plan = await examplePlan("tenant-provisioning", "prod");
        const [primary] = databaseInstances(plan, "primary");
        expect(primary.inputs.engineVersion).to.equal(guide.postgresMajor);
        const families = ofType(plan, "aws:rds/parameterGroup:ParameterGroup").map((g) => g.inputs.family);
        expect(families).to.include(`postgres${guide.postgresMajor}`);
    });

    it("evicts as the guide's Redis does", async () => {
        const group = theOne(await examplePlan("tenant-provisioning", "prod"), "aws:elasticache/parameterGroup:ParameterGroup");
        expect(group.inputs.parameters).to.deep.include({ name: "maxmemory-policy", value: guide.evictionPolicy });
    });
});

describe("examples/tenant-provisioning maintenance [seed 003: second Sunday of each month, 02:00-04:00 UTC]", () => {
    it("puts the window on record in SSM, and the database and cache windows contain it", async () => {
        const plan = await examplePlan("tenant-provisioning", "prod");
        const [window] = ofType(plan, "aws:ssm/maintenanceWindow:MaintenanceWindow").map((w) => w.inputs);
        expect(window).to.include({ schedule: "cron(0 2 ? * SUN#2 *)", scheduleTimezone: "UTC", duration: 2 });
        const [primary] = databaseInstances(plan, "primary");
        expect(primary.inputs.maintenanceWindow).to.equal("sun:02:00-sun:04:00");
        expect(theOne(plan, "aws:elasticache/replicationGroup:ReplicationGroup").inputs.maintenanceWindow).to.equal("sun:02:00-sun:04:00");
    });
});
