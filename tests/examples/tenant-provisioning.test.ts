import { expect } from "chai";
import { byName } from "../support/data-tier";
import { ofType } from "../support/engine";
import {
    alertNamespaces,
    backupRules,
    databaseInstances,
    examplePlan,
    generatedLength,
    hpaRanges,
    hpaTargets,
    logRetention,
    mandatoryViolations,
    theOne,
} from "./support";

// Tenant provisioning platform [seed 003]: its Kubernetes manifests and .env.production.
const guide = {
    namespace: "healthcare",
    service: "tenant-provisioning",
    hpa: { min: 3, max: 10, cpu: 70, memory: 80 },
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    jwtMinLength: 64,
    // DB_PASSWORD, REDIS_PASSWORD, JWT_SECRET, MAIL_PASSWORD, SOROBAN_SECRET.
    secrets: ["database", "redis", "jwt", "smtp", "soroban-deployer"],
    postgres: { work_mem: String(256 * 1024), shared_buffers: String((4 * 1024 * 1024) / 8), max_parallel_workers_per_gather: "4" },
    logDays: 30,
    alerts: ["HighProvisioningFailureRate", "ProvisioningQueueBacklog", "DatabaseConnectionPoolExhausted"],
    backupDays: 30,
};

describe("examples/tenant-provisioning [seed 003]", () => {
    const plan = () => examplePlan("tenant-provisioning", "prod");

    it("previews with zero mandatory violations", async () => {
        expect(await mandatoryViolations("tenant-provisioning", await plan())).to.deep.equal([]);
    });

    it("puts every workload object in the healthcare namespace", async () => {
        const p = await plan();
        const ns = byName(p, "kubernetes:core/v1:Namespace", "workloads-namespace");
        expect((ns.inputs.metadata as { name: string }).name).to.equal(guide.namespace);
        const namespaced = p.resources.filter((r) => r.type.startsWith("kubernetes:") && r.parent.includes("Workloads") && r !== ns);
        expect(namespaced.length).to.be.greaterThan(5);
        for (const r of namespaced) expect((r.inputs.metadata as { namespace: string }).namespace, r.name).to.equal(guide.namespace);
    });

    it("runs the service with the guide's HPA (3–10, cpu 70 / memory 80) and rolling update 1/0", async () => {
        const p = await plan();
        expect(hpaRanges(p)).to.deep.equal({ [guide.service]: { min: guide.hpa.min, max: guide.hpa.max } });
        expect(hpaTargets(theOne(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler"))).to.deep.equal({
            cpu: guide.hpa.cpu,
            memory: guide.hpa.memory,
        });
        const strategy = (theOne(p, "kubernetes:apps/v1:Deployment").inputs.spec as any).strategy;
        expect(strategy).to.deep.equal({ type: "RollingUpdate", rollingUpdate: guide.rollingUpdate });
    });

    it("guards PostgreSQL and Redis with passwords, and tunes PostgreSQL as the guide does", async () => {
        const p = await plan();
        const [primary] = databaseInstances(p, "primary");
        // A master password careplane generates and rotates (an RDS-managed one allows no read replica).
        expect(primary.inputs.password).to.equal("[secret]");
        expect(primary.inputs.manageMasterUserPassword ?? false).to.equal(false);
        const redis = theOne(p, "aws:elasticache/replicationGroup:ReplicationGroup");
        // Redis users with passwords (RBAC), one per service, instead of one AUTH token.
        expect(redis.inputs.userGroupIds).to.have.length(1);
        const users = ofType(p, "aws:elasticache/user:User").map((u) => u.inputs);
        expect(users.find((u) => u.userName === guide.service)!.authenticationMode).to.deep.equal({
            type: "password",
            passwords: ["[secret]"],
        });
        expect(redis.inputs.transitEncryptionEnabled).to.equal(true);
        const parameters = Object.fromEntries(
            (theOne(p, "aws:rds/parameterGroup:ParameterGroup").inputs.parameters as Array<{ name: string; value: string }>).map((x) => [
                x.name,
                x.value,
            ]),
        );
        for (const [name, value] of Object.entries(guide.postgres)) expect(parameters[name], name).to.equal(value);
    });

    it("keeps every secret of the guide in Secrets Manager, the JWT key at least 64 characters, and the service reads them", async () => {
        const p = await plan();
        const names = ofType(p, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name);
        // The service's own database login and Redis user live under its name; the rest are shared entries.
        const entry = (s: string) => (["database", "redis"].includes(s) ? `tenants/prod/${guide.service}/${s}` : `tenants/prod/${s}`);
        for (const s of guide.secrets) expect(names).to.include(entry(s));
        expect(generatedLength(p, "jwt")).to.be.at.least(guide.jwtMinLength);
        const external = byName(p, "kubernetes:external-secrets.io/v1:ExternalSecret", `workloads-${guide.service}-secrets`);
        const keys = ((external.inputs.spec as any).dataFrom as Array<{ extract: { key: string } }>).map((d) => d.extract.key);
        expect(keys.sort()).to.deep.equal(guide.secrets.map(entry).sort());
    });

    it("runs its guide's three alert rules in the healthcare namespace", async () => {
        const namespaces = alertNamespaces(await plan());
        for (const alert of guide.alerts) expect(namespaces[alert], alert).to.equal(guide.namespace);
    });

    it("scrapes every target and evaluates every rule each 15 s, as the guide's Prometheus does", async () => {
        const p = await plan();
        const release = ofType(p, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "kube-prometheus-stack")!;
        expect((release.inputs.values as any).prometheus.prometheusSpec).to.include({ scrapeInterval: "15s", evaluationInterval: "15s" });
        const monitor = ofType(p, "kubernetes:monitoring.coreos.com/v1:ServiceMonitor").find(
            (m) => (m.inputs.metadata as any).name === guide.service,
        )!;
        expect((monitor.inputs.spec as any).endpoints[0].interval).to.equal("15s");
        // The exporters' ServiceMonitors name no interval of their own: they take Prometheus's.
        for (const r of ofType(p, "kubernetes:helm.sh/v3:Release").filter((r) =>
            /^prometheus-(postgres|redis)-exporter$/.test(String(r.inputs.chart)),
        )) {
            expect((r.inputs.values as any).serviceMonitor.interval, r.name).to.equal(undefined);
        }
    });

    it("backs up daily and keeps those points at least the guide's 30 days", async () => {
        const rules = backupRules(await plan());
        expect(rules.daily.schedule).to.equal("cron(0 5 ? * * *)");
        expect(rules.daily.lifecycle.deleteAfter).to.be.at.least(guide.backupDays);
    });

    it("keeps every log group at least the guide's 30 days", async () => {
        const retention = logRetention(await plan());
        expect(Object.keys(retention).length).to.be.greaterThan(0);
        for (const [name, days] of Object.entries(retention)) expect(days, name).to.be.at.least(guide.logDays);
    });
});
