import { expect } from "chai";
import * as path from "path";
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { ofType, planOf, ROOT } from "../support/engine";
import { databaseInstances, examplePlan, mandatoryViolations, theOne } from "./support";

// AROCORD-HIMS [seed 001], 2.3: staging is "identical infrastructure to production"; 2.1 sizes the tasks.
const guide = {
    // Frontend 0.5–2 vCPU, 1–4 GB; backend 1–4 vCPU, 2–8 GB.
    tasks: { frontend: { vcpu: [0.5, 2], gb: [1, 4] }, backend: { vcpu: [1, 4], gb: [2, 8] } } as Record<
        string,
        { vcpu: number[]; gb: number[] }
    >,
};

/**
 * What the two environments may differ in, and why: prod's COMPLIANCE lock on its vaults (staging
 * locks in GOVERNANCE mode, which an administrator can lift) and on the audit archive.
 */
const allowedCountDifferences: Record<string, string> = {
    "aws:backup/vaultLockConfiguration:VaultLockConfiguration": "prod locks its vaults in COMPLIANCE mode",
    "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration": "prod's audit archive is locked in COMPLIANCE mode",
};

/** The guide's 2.3, "Data Subset": staging receives prod's scrubbed snapshots, under a key (and its alias) only prod has. */
const DATA_REFRESH_KEY = "careplane:security:DataRefreshKey";
const ofDataRefreshKey = (plan: Plan) =>
    plan.resources.filter((r) => r.type === DATA_REFRESH_KEY || r.urn.includes(`${DATA_REFRESH_KEY}$`));

function countsByType(plan: Plan): Record<string, number> {
    const counts: Record<string, number> = {};
    const refresh = new Set(ofDataRefreshKey(plan));
    for (const r of plan.resources) if (!refresh.has(r)) counts[r.type] = (counts[r.type] ?? 0) + 1;
    return counts;
}

const byName = (resources: PlannedResource[]) => Object.fromEntries(resources.map((r) => [r.name, r.inputs]));

/** The figures that make two stacks the same infrastructure: sizes, counts, classes, zones. */
function sizing(plan: Plan) {
    const pick = (r: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, r[k]]));
    const tasks = byName(ofType(plan, "aws:ecs/taskDefinition:TaskDefinition"));
    const targets = byName(ofType(plan, "aws:appautoscaling/target:Target"));
    const [primary] = databaseInstances(plan, "primary");
    const cache = theOne(plan, "aws:elasticache/replicationGroup:ReplicationGroup").inputs;
    return {
        tasks: Object.fromEntries(Object.entries(tasks).map(([n, t]) => [n, pick(t, ["cpu", "memory", "requiresCompatibilities"])])),
        scaling: Object.fromEntries(Object.entries(targets).map(([n, t]) => [n, pick(t, ["minCapacity", "maxCapacity"])])),
        services: ofType(plan, "aws:ecs/service:Service").map((s) => pick(s.inputs, ["name", "desiredCount", "launchType"])),
        database: pick(primary.inputs, ["engine", "engineVersion", "instanceClass", "multiAz", "allocatedStorage", "maxAllocatedStorage"]),
        replicas: databaseInstances(plan, "replica").map((r) => r.inputs.instanceClass),
        cache: pick(cache, [
            "nodeType",
            "engineVersion",
            "clusterMode",
            "numCacheClusters",
            "numNodeGroups",
            "replicasPerNodeGroup",
            "multiAzEnabled",
        ]),
        natGateways: ofType(plan, "aws:ec2/natGateway:NatGateway").length,
        subnets: ofType(plan, "aws:ec2/subnet:Subnet").map((s) => [s.inputs.cidrBlock, s.inputs.availabilityZone]),
        files: ofType(plan, "aws:efs/fileSystem:FileSystem").map((f) => pick(f.inputs, ["performanceMode", "throughputMode"])),
        backupCopiesTo: ofType(plan, "aws:backup/vault:Vault").length,
        restoreTests: ofType(plan, "aws:backup/restoreTestingPlan:RestoreTestingPlan").length,
    };
}

describe("examples/arocord staging [seed 001: identical infrastructure to production]", () => {
    it("previews with zero mandatory violations", async () => {
        expect(await mandatoryViolations("arocord", await examplePlan("arocord", "staging"))).to.deep.equal([]);
    });

    it("builds the same resources as prod, except prod's COMPLIANCE locks and the key prod shares its scrubbed data under", async () => {
        const [prod, staging] = [countsByType(await examplePlan("arocord", "prod")), countsByType(await examplePlan("arocord", "staging"))];
        const differing = [...new Set([...Object.keys(prod), ...Object.keys(staging)])].filter((t) => prod[t] !== staging[t]);
        expect(differing.sort()).to.deep.equal(Object.keys(allowedCountDifferences).sort());
        expect(ofDataRefreshKey(await examplePlan("arocord", "prod")).map((r) => r.type)).to.have.members([
            DATA_REFRESH_KEY,
            "aws:kms/key:Key",
            "aws:kms/alias:Alias",
        ]);
        expect(ofDataRefreshKey(await examplePlan("arocord", "staging"))).to.deep.equal([]);
    });

    it("sizes, scales and spreads everything exactly as prod does", async () => {
        const prod = sizing(await examplePlan("arocord", "prod"));
        const staging = sizing(await examplePlan("arocord", "staging"));
        expect(staging).to.deep.equal(prod);
        // Not vacuous: both run the guide's two services, replicas and three zones.
        expect(prod.services).to.have.length(2);
        expect(prod.replicas).to.have.length(2);
        expect(prod.natGateways).to.equal(3);
    });
});

describe("examples/arocord task sizes [seed 001: from the stack files, within the guide's ranges]", () => {
    for (const stack of ["prod", "staging"]) {
        it(`${stack}: every task is sized within its service's range`, async () => {
            for (const td of ofType(await examplePlan("arocord", stack), "aws:ecs/taskDefinition:TaskDefinition")) {
                const range = guide.tasks[td.name.replace(/^ecs-/, "")];
                expect(Number(td.inputs.cpu) / 1024, td.name).to.be.within(range.vcpu[0], range.vcpu[1]);
                expect(Number(td.inputs.memory) / 1024, td.name).to.be.within(range.gb[0], range.gb[1]);
            }
        });
    }

    it("takes each task's size from careplane:services, not from the code", async () => {
        const digest = `sha256:${"b".repeat(64)}`;
        const services = {
            // Prod runs images by digest.
            frontend: { tier: "web", image: "arocord/hims-frontend", tag: "2.3.0", digest, task: { cpu: 2048, memory: 4096 } },
            backend: { tier: "api", image: "arocord/hims-api", tag: "2.3.0", digest, path: "/api", task: { cpu: 4096, memory: 8192 } },
        };
        const resized = await planOf("prod", { "careplane:services": services }, path.join(ROOT, "examples", "arocord"));
        const tasks = byName(ofType(resized, "aws:ecs/taskDefinition:TaskDefinition"));
        expect([tasks["ecs-frontend"].cpu, tasks["ecs-frontend"].memory]).to.deep.equal(["2048", "4096"]);
        expect([tasks["ecs-backend"].cpu, tasks["ecs-backend"].memory]).to.deep.equal(["4096", "8192"]);
    });
});
