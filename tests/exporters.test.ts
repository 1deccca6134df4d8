import { expect } from "chai";
import { alertCatalog } from "../components/monitoring/alert-catalog";
import {
    BLACKBOX_MODULE,
    blackboxExporterMetrics,
    EXPORTER_LABEL,
    postgresMetricsOf,
    redisExporterMetrics,
} from "../components/monitoring/exporters";
import { parseStackConfig } from "../components/config/stack-config";
import { RDS_CA_CONFIG_MAP, RDS_CA_FILE_NAME } from "../components/data/rds-ca";
import { subnetCidr } from "../components/network/subnets";
import { Plan, PlannedResource } from "../tools/engine/plan";
import { byName, EVERYTHING_ON } from "./support/data-tier";
import { arnIn, ofType, planOf, stackFile, STACKS } from "./support/engine";

const RELEASE = "kubernetes:helm.sh/v3:Release";
const EXTERNAL_SECRET = "kubernetes:external-secrets.io/v1:ExternalSecret";
const STORE = "kubernetes:external-secrets.io/v1:SecretStore";

const releasesOf = (plan: Plan, chart: string) => ofType(plan, RELEASE).filter((r) => r.inputs.chart === chart);
const values = (r: PlannedResource) => r.inputs.values as any;
const named = (plan: Plan, type: string, name: string) => {
    const found = ofType(plan, type).filter((r) => (r.inputs.metadata as any).name === name);
    expect(found, `${type} ${name}`).to.have.length(1);
    return found[0].inputs as any;
};

/** Every string leaf of a values tree, with its path. */
function leaves(node: unknown, path = ""): Array<[string, string]> {
    if (typeof node === "string") return [[path, node]];
    if (node === null || typeof node !== "object") return [];
    return Object.entries(node).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

/**
 * The metric names a PromQL expression reads: identifiers that are not functions, aggregations' label
 * lists, label matchers, ranges or keywords.
 */
function metricNamesOf(expr: string): string[] {
    const stripped = expr
        .replace(/"[^"]*"/g, "")
        .replace(/\{[^}]*\}/g, "")
        .replace(/\[[^\]]*\]/g, "")
        .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
    const keywords = new Set(["and", "or", "unless", "bool", "offset"]);
    return [...stripped.matchAll(/([A-Za-z_:][A-Za-z0-9_:]*)(\s*\()?/g)]
        .filter((m) => m[2] === undefined && !keywords.has(m[1]))
        .map((m) => m[1]);
}

describe("exporters feeding the catalog's database and cache rules", () => {
    it("reads metric names from PromQL, leaving functions, label lists and matchers out", () => {
        expect(
            metricNamesOf('sum by (instance) (rate(x_total{status=~"5.."}[5m])) / max by (instance) (y > 0) > 0.9 and on(job) z'),
        ).to.have.members(["x_total", "y", "z"]);
    });

    it("watches the analytics database too, where a stack has one, with that database's own monitoring login", async () => {
        const plan = await planOf("prod", EVERYTHING_ON);
        const analytics = byName(plan, "aws:rds/instance:Instance", "database-analytics");
        const releases = releasesOf(plan, "prometheus-postgres-exporter");
        const watching = releases.filter((r) => values(r).serviceMonitor.relabelings[0].replacement === analytics.inputs.identifier);
        expect(watching, "one exporter on the analytics database").to.have.length(1);
        expect(watching[0].inputs.name).to.equal("postgres-exporter-analytics");
        const datasource = values(watching[0]).config.datasource;
        expect(datasource.database).to.equal(analytics.inputs.dbName);
        expect(datasource.host, "its own address, not the primary's").to.match(new RegExp(`^${analytics.inputs.identifier}\\.`));
        // Each database's logins have their own password and entry (a rotation changes one database's): the analytics
        // exporter reads the analytics entry, synced into a Secret of its own.
        const primarySecret = values(releases.find((r) => r.inputs.name === "postgres-exporter-primary")!).config.datasource.userSecret
            .name;
        expect(datasource.userSecret.name).not.to.equal(primarySecret);
        expect(datasource.passwordSecret.name).to.equal(datasource.userSecret.name);
        const synced = plan.resources.filter(
            (r) =>
                r.type === "kubernetes:external-secrets.io/v1:ExternalSecret" &&
                (r.inputs.metadata as any)?.name === datasource.userSecret.name,
        );
        expect(synced, "an ExternalSecret fills the analytics exporter's Secret").to.have.length(1);
        const remoteKeys = ((synced[0].inputs.spec as any).data as Array<{ remoteRef: { key: string } }>).map((d) => d.remoteRef.key);
        expect(new Set(remoteKeys)).to.deep.equal(new Set([`caresync/prod/analytics-database-monitoring`]));
        const replicas = parseStackConfig(stackFile("prod").config, "Pulumi.prod.yaml").database.readReplicas;
        expect(releases).to.have.length(1 + replicas + 1);
    });

    for (const stack of STACKS) {
        describe(stack, () => {
            let plan: Plan;
            let cfg: ReturnType<typeof parseStackConfig>;
            before(async () => {
                plan = await planOf(stack);
                const file = stackFile(stack);
                cfg = parseStackConfig(file.config, file.file);
            });

            it("runs postgres_exporter on the primary and each replica and redis_exporter on the cache, pinned charts and images", () => {
                const postgres = releasesOf(plan, "prometheus-postgres-exporter");
                const redis = releasesOf(plan, "prometheus-redis-exporter");
                expect(postgres).to.have.length(1 + cfg.database.readReplicas);
                expect(redis).to.have.length(1);
                const identifiers = ofType(plan, "aws:rds/instance:Instance")
                    .filter((r) => ["primary", "replica"].includes((r.inputs.tags as any).DatabaseRole))
                    .map((r) => r.inputs.identifier);
                expect(postgres.map((r) => values(r).serviceMonitor.relabelings[0].replacement)).to.have.members(identifiers);
                for (const r of [...postgres, ...redis]) {
                    expect(r.inputs.namespace).to.equal("monitoring");
                    expect(r.inputs.version, r.name).to.match(/^\d+\.\d+\.\d+$/);
                    expect((r.inputs.repositoryOpts as any).repo).to.equal("https://prometheus-community.github.io/helm-charts");
                    expect(values(r).image.tag, r.name).to.match(/^v\d+\.\d+\.\d+$/);
                }
                // TLS to RDS that verifies the server's name and its chain to the region's RDS CAs, mounted from the namespace's ConfigMap.
                const caMap = ofType(plan, "kubernetes:core/v1:ConfigMap").find(
                    (m) => (m.inputs as any).metadata.name === RDS_CA_CONFIG_MAP && (m.inputs as any).metadata.namespace === "monitoring",
                )!;
                expect((caMap.inputs as any).data[RDS_CA_FILE_NAME]).to.contain(`-----BEGIN CERTIFICATE-----`);
                for (const r of postgres) {
                    const v = values(r);
                    expect(v.config.datasource.sslmode, "TLS to RDS").to.equal("verify-full");
                    const [mount] = v.extraVolumeMounts;
                    expect(v.config.datasource.extraParams).to.equal(`sslrootcert=${mount.mountPath}/${RDS_CA_FILE_NAME}`);
                    expect(v.extraVolumes).to.deep.equal([{ name: mount.name, configMap: { name: RDS_CA_CONFIG_MAP } }]);
                    expect(r.dependencies, "the exporter starts once its CA exists").to.include(caMap.urn);
                }
                expect(values(redis[0]).redisAddress, "TLS to ElastiCache").to.match(/^rediss:\/\/.+:6379$/);
                // As the cache's read-only exporter user, whose password its Secret holds.
                const users = ofType(plan, "aws:elasticache/user:User").map((u) => u.inputs.userName);
                expect(users).to.include(values(redis[0]).auth.redisUser);
                expect(values(redis[0]).auth.redisUser).to.equal("redis-exporter");
            });

            it("gives the releases no credential: only existing Secrets, each filled by an ExternalSecret that reads its own entry", () => {
                const exporters = [
                    ...releasesOf(plan, "prometheus-postgres-exporter").map((r) => ({ r, entry: "database-monitoring" })),
                    ...releasesOf(plan, "prometheus-redis-exporter").map((r) => ({ r, entry: "redis-monitoring" })),
                ];
                for (const { r, entry } of exporters) {
                    const v = values(r);
                    const inline = leaves(v).filter(([path]) => /password|token|pass$/i.test(path) && !/Secret\.|secret\./.test(path));
                    expect(inline, `${r.name}: credentials inline`).to.deep.equal([]);
                    const refs =
                        entry === "redis-monitoring"
                            ? [v.auth.secret]
                            : [v.config.datasource.userSecret, v.config.datasource.passwordSecret];
                    for (const ref of refs) {
                        const synced = named(plan, EXTERNAL_SECRET, ref.name);
                        expect(synced.spec.target.name).to.equal(ref.name);
                        expect(synced.spec.data.map((d: any) => d.secretKey)).to.include(ref.key);
                        for (const d of synced.spec.data) expect(d.remoteRef.key).to.equal(`caresync/${stack}/${entry}`);
                        const store = named(plan, STORE, synced.spec.secretStoreRef.name);
                        expect(store.spec.provider.aws.auth.jwt.serviceAccountRef.name).to.equal(ref.name);
                    }
                }
            });

            // tests/iam/cases.ts evaluates these roles with iam-simulate; here, what the policies name.
            it("lets each reader role read its own entry only, decrypting through Secrets Manager", () => {
                const readers = {
                    "monitoring-postgres-exporter-reader": "database-monitoring",
                    "monitoring-redis-exporter-reader": "redis-monitoring",
                };
                for (const [role, own] of Object.entries(readers)) {
                    const policy = JSON.parse(ofType(plan, "aws:iam/policy:Policy").find((p) => p.name === role)!.inputs.policy as string);
                    const secretStatements = policy.Statement.filter((st: any) =>
                        [st.Action].flat().some((a: string) => a.startsWith("secretsmanager:")),
                    );
                    expect(
                        secretStatements.map((st: any) => st.Resource),
                        role,
                    ).to.deep.equal([arnIn(plan, { type: "aws:secretsmanager/secret:Secret", name: `secrets-${own}` })]);
                    const kms = policy.Statement.filter((st: any) => [st.Action].flat().some((a: string) => a.startsWith("kms:")));
                    for (const st of kms)
                        expect(st.Condition.StringEquals["kms:ViaService"], role).to.equal("secretsmanager.us-east-1.amazonaws.com");
                    expect(secretStatements.length + kms.length).to.equal(policy.Statement.length);
                }
            });

            it("lets the exporters send only DNS lookups and their store's port to the data subnets", () => {
                const dataCidrs = Array.from({ length: cfg.network.availabilityZones }, (_, i) => subnetCidr(cfg.network.cidr, "data", i));
                const policies = ofType(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((p) => p.inputs as any);
                const exporters = [
                    { labels: values(releasesOf(plan, "prometheus-postgres-exporter")[0]).podLabels, port: 5432 },
                    { labels: values(releasesOf(plan, "prometheus-redis-exporter")[0]).labels, port: 6379 },
                ];
                for (const { labels, port } of exporters) {
                    const egress = policies.filter(
                        (p) =>
                            p.metadata.namespace === "monitoring" &&
                            p.spec.policyTypes.includes("Egress") &&
                            Object.entries(p.spec.podSelector.matchLabels ?? {}).every(([k, v]) => labels[k] === v),
                    );
                    expect(egress, `egress policies of ${JSON.stringify(labels)}`).to.have.length(1);
                    const rules = egress[0].spec.egress;
                    const [dns, data] = [
                        rules.filter((r: any) => r.to.some((t: any) => t.podSelector)),
                        rules.filter((r: any) => !r.to.some((t: any) => t.podSelector)),
                    ];
                    expect(dns).to.have.length(1);
                    expect(dns[0].ports.map((p: any) => p.port)).to.deep.equal([53, 53]);
                    expect(data).to.have.length(1);
                    expect(data[0].to.map((t: any) => t.ipBlock.cidr)).to.have.members(dataCidrs);
                    expect(data[0].ports).to.deep.equal([{ protocol: "TCP", port }]);
                }
            });

            it("reaches each store through its own pods' security groups: the store admits its clients' group, which only its exporter's pods carry", () => {
                const groups = ofType(plan, "aws:ec2/securityGroup:SecurityGroup");
                const nodes = ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate").find((t) => t.name === "eks-nodes")!;
                const policies = ofType(plan, "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy").map((p) => p.inputs as any);
                for (const [store, exporter, port] of [
                    ["database", "postgres", 5432],
                    ["cache", "redis", 6379],
                ] as const) {
                    const clients = `network-${exporter}-clients-id`;
                    expect(nodes.inputs.vpcSecurityGroupIds, "the nodes do not carry it").to.not.include(clients);
                    const ingress = groups.find((g) => g.name === store)!.inputs.ingress as any[];
                    const rule = ingress.find((r) => r.fromPort === port && r.toPort === port);
                    expect(rule?.securityGroups, `${store} on ${port}`).to.deep.equal([clients]);
                    const policy = policies.find((p) => p.spec.podSelector.matchLabels[EXPORTER_LABEL] === exporter);
                    expect(policy?.metadata.namespace).to.equal("monitoring");
                    expect(policy?.spec.securityGroups.groupIds).to.include(clients);
                }
            });

            it("probes the public endpoint's certificate over HTTPS with blackbox_exporter, which may send only DNS and HTTPS", () => {
                const [blackbox] = releasesOf(plan, "prometheus-blackbox-exporter");
                expect(blackbox.inputs.namespace).to.equal("monitoring");
                expect(blackbox.inputs.version).to.match(/^\d+\.\d+\.\d+$/);
                const v = values(blackbox);
                expect(v.image.tag).to.match(/^v\d+\.\d+\.\d+$/);
                const host = (ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress")[0].inputs.spec as any).rules[0].host;
                expect(v.serviceMonitor.targets.map((t: any) => t.url)).to.deep.equal([`https://${host}/`]);
                expect(v.serviceMonitor.defaults.module).to.equal(BLACKBOX_MODULE);
                expect(v.config.modules[BLACKBOX_MODULE]).to.deep.include({ prober: "http" });
                expect(v.config.modules[BLACKBOX_MODULE].http.fail_if_not_ssl, "HTTPS or fail").to.equal(true);
                const egress = ofType(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy")
                    .map((p) => p.inputs as any)
                    .filter((p) => p.spec.podSelector.matchLabels?.["careplane.io/exporter"] === "blackbox");
                expect(egress).to.have.length(1);
                expect(egress[0].spec.policyTypes).to.deep.equal(["Egress"]);
                expect(egress[0].spec.egress.flatMap((r: any) => r.ports.map((p: any) => p.port))).to.have.members([53, 53, 443]);
            });

            it("runs the exporters non-root on a read-only root with limits, their ServiceMonitors selected by Prometheus", () => {
                const prometheus = values(ofType(plan, RELEASE).find((r) => r.inputs.chart === "kube-prometheus-stack")!).prometheus
                    .prometheusSpec;
                const blackbox = releasesOf(plan, "prometheus-blackbox-exporter");
                expect(values(blackbox[0]).serviceMonitor.defaults.labels).to.include(prometheus.serviceMonitorSelector.matchLabels);
                for (const r of [
                    ...releasesOf(plan, "prometheus-postgres-exporter"),
                    ...releasesOf(plan, "prometheus-redis-exporter"),
                    ...blackbox,
                ]) {
                    const v = values(r);
                    expect(v.securityContext, r.name).to.include({
                        runAsNonRoot: true,
                        readOnlyRootFilesystem: true,
                        allowPrivilegeEscalation: false,
                    });
                    expect(v.securityContext.runAsUser, r.name).to.be.above(0);
                    expect(v.resources.limits, r.name).to.have.keys("cpu", "memory");
                    expect(v.resources.requests, r.name).to.have.keys("cpu", "memory");
                    expect(v.serviceMonitor.enabled).to.equal(true);
                    if (r.inputs.chart !== "prometheus-blackbox-exporter")
                        expect(v.serviceMonitor.labels).to.include(prometheus.serviceMonitorSelector.matchLabels);
                }
            });

            it("emits every metric the catalog's database, cache and certificate rules read", () => {
                const read = alertCatalog
                    .filter((a) => ["database", "cache", "certificates"].includes(a.group))
                    .flatMap((a) => metricNamesOf(a.expr));
                expect(read).to.include.members([
                    "pg_settings_max_connections",
                    "redis_memory_used_bytes",
                    "probe_ssl_earliest_cert_expiry",
                ]);
                const emitted = [
                    ...releasesOf(plan, "prometheus-postgres-exporter").flatMap((r) => postgresMetricsOf(values(r))),
                    ...redisExporterMetrics,
                    ...(releasesOf(plan, "prometheus-blackbox-exporter").length === 1 ? blackboxExporterMetrics : []),
                ];
                expect(emitted).to.include.members(read);
            });
        });
    }
});
