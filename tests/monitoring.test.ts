import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { Namespace, ServiceAccount } from "kubernetes-models/v1";
import { parse, stringify } from "yaml";
import { albArnSuffix } from "../components/monitoring/cloudwatch-alarms";
import { alertCatalog } from "../components/monitoring/alert-catalog";
import { receiverEntryKeys } from "../components/monitoring/alertmanager-routing";
import { parseStackConfig } from "../components/config/stack-config";
import { writeRules } from "../tools/engine/artifacts";
import { Plan, PlannedResource } from "../tools/engine/plan";
import { alertFixtures } from "./support/alert-fixtures";
import { arnIn, deploymentKeys, ofType, planOf, planOfProgram, stackFile, STACKS } from "./support/engine";
import { alertTestFile, promtool, scratchDir } from "./support/promtool";

const FIXTURE = path.resolve(__dirname, "fixtures/monitoring-everywhere.ts");
const RULE = "kubernetes:monitoring.coreos.com/v1:PrometheusRule";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** The kube-prometheus-stack release (the cluster also runs other charts). */
const prometheusRelease = (plan: Plan): PlannedResource => {
    const found = ofType(plan, RELEASE).filter((r) => r.inputs.chart === "kube-prometheus-stack");
    expect(found, "the kube-prometheus-stack release").to.have.length(1);
    return found[0];
};

const only = (plan: Plan, type: string): PlannedResource => {
    const found = ofType(plan, type);
    expect(found, type).to.have.length(1);
    return found[0];
};

const MONITOR = "kubernetes:monitoring.coreos.com/v1:ServiceMonitor";
const POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

function stackConfig(stack: string) {
    const file = stackFile(stack);
    return parseStackConfig(file.config, file.file);
}

/** Whether a label selector (matchLabels only, as the program writes them; empty selects all) selects these labels. */
const matches = (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
    Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

/** The pod template of the Deployment a Service selects. */
function podOf(plan: Plan, namespace: string, selector: Record<string, string>) {
    const deployments = ofType(plan, "kubernetes:apps/v1:Deployment").map((d) => d.inputs as any);
    const found = deployments.filter(
        (d) => d.metadata.namespace === namespace && matches({ matchLabels: selector }, d.spec.template.metadata.labels),
    );
    expect(found, "the Deployment behind the Service").to.have.length(1);
    return found[0].spec.template;
}

/** Whether some NetworkPolicy of the pod's namespace admits the Prometheus pods of `monitoring` to this TCP port. */
function admitsPrometheus(plan: Plan, namespace: string, podLabels: Record<string, string>, port: number): boolean {
    const prometheusPod = { "app.kubernetes.io/name": "prometheus" };
    const monitoringNamespace = { "kubernetes.io/metadata.name": "monitoring" };
    return ofType(plan, POLICY)
        .map((p) => p.inputs as any)
        .filter((p) => p.metadata.namespace === namespace && matches(p.spec.podSelector, podLabels))
        .flatMap((p) => p.spec.ingress ?? [])
        .some(
            (rule: any) =>
                rule.from.some(
                    (peer: any) =>
                        peer.namespaceSelector &&
                        matches(peer.namespaceSelector, monitoringNamespace) &&
                        matches(peer.podSelector, prometheusPod),
                ) && rule.ports.some((p: any) => p.protocol === "TCP" && p.port === port),
        );
}

type Receiver = Record<string, unknown> & { name: string };
type Route = { receiver: string; matchers: string[] };

function alertmanagerConfig(plan: Plan) {
    return (prometheusRelease(plan).inputs.values as any).alertmanager.config as { route: { routes: Route[] }; receivers: Receiver[] };
}

/** The notification channels an alert of this severity reaches, read from the routing tree. */
function channelsFor(plan: Plan, severity: string): string[] {
    const config = alertmanagerConfig(plan);
    const route = config.route.routes.find((r) => r.matchers.some((m) => m === `severity="${severity}"` || m.includes(`"${severity}|`)));
    expect(route, `a route for severity ${severity}`).to.not.equal(undefined);
    const receiver = config.receivers.find((r) => r.name === route!.receiver)!;
    return Object.keys(receiver)
        .filter((k) => k.endsWith("_configs"))
        .map((k) => k.replace("_configs", ""))
        .sort();
}

describe("monitoring on an EKS stack with a database, a cache and an ECS service (test program)", () => {
    let plan: Plan;
    before(async () => {
        plan = await planOfProgram(FIXTURE, "prod");
    });

    it("declares one PrometheusRule (monitoring.coreos.com/v1) per rule group, holding every catalog alert", () => {
        const rules = ofType(plan, RULE);
        const groups = rules.flatMap((r) => (r.inputs.spec as any).groups);
        expect(rules).to.have.length(new Set(alertCatalog.map((a) => a.group)).size);
        expect(groups.flatMap((g: any) => g.rules.map((rule: any) => rule.alert))).to.have.members(alertCatalog.map((a) => a.name));
        for (const r of rules) {
            expect(r.inputs.apiVersion).to.equal("monitoring.coreos.com/v1");
            expect((r.inputs.metadata as any).labels).to.include({ "careplane.io/alert-rules": "true" });
            expect(r.dependencies, "created after the chart installs the CRDs").to.include(prometheusRelease(plan).urn);
        }
    });

    it("installs kube-prometheus-stack at a pinned version, selecting the rules by their label", () => {
        const release = prometheusRelease(plan);
        expect(release.inputs).to.include({ chart: "kube-prometheus-stack", namespace: "monitoring" });
        expect(release.inputs.version).to.match(/^\d+\.\d+\.\d+$/);
        expect((release.inputs.repositoryOpts as any).repo).to.equal("https://prometheus-community.github.io/helm-charts");
        const prometheus = (release.inputs.values as any).prometheus.prometheusSpec;
        expect(prometheus.ruleSelector.matchLabels).to.deep.equal({ "careplane.io/alert-rules": "true" });
        expect(prometheus.replicas, "prod is Multi-AZ").to.equal(2);
    });

    it("routes critical to PagerDuty + Slack + email, high to Slack + email, medium to Slack [001]", () => {
        expect(channelsFor(plan, "critical")).to.deep.equal(["email", "pagerduty", "slack"]);
        expect(channelsFor(plan, "high")).to.deep.equal(["email", "slack"]);
        expect(channelsFor(plan, "medium")).to.deep.equal(["slack"]);
        expect(channelsFor(plan, "low")).to.deep.equal(["email"]);
    });

    it("reads every receiver credential from a file of the Secret synced from Secrets Manager, none inline", () => {
        const values = prometheusRelease(plan).inputs.values as any;
        const config = stringify(values.alertmanager.config);
        for (const inline of ["routing_key:", "service_key:", "api_url:", "auth_password:", "slack_api_url:", "smtp_auth_password:"]) {
            expect(config).to.not.contain(inline);
        }
        const files = [...config.matchAll(/_file: (\S+)/g)].map((m) => m[1]);
        expect(files).to.not.be.empty;
        const externalSecret = only(plan, "kubernetes:external-secrets.io/v1:ExternalSecret").inputs as any;
        const secretName = externalSecret.spec.target.name;
        expect(values.alertmanager.alertmanagerSpec.secrets).to.deep.equal([secretName]);
        const synced = externalSecret.spec.data.map((d: any) => `/etc/alertmanager/secrets/${secretName}/${d.secretKey}`);
        expect(synced).to.include.members([...new Set(files)]);
        expect(externalSecret.spec.secretStoreRef.kind).to.equal("SecretStore");
        for (const d of externalSecret.spec.data) expect(d.remoteRef.key).to.equal("caresync/prod/alertmanager");
        expect(externalSecret.spec.data.map((d: any) => d.remoteRef.property)).to.have.members(receiverEntryKeys);
    });

    it("reads the entry as a role that only the Alertmanager receivers' service account can assume, and only that entry", () => {
        const store = only(plan, "kubernetes:external-secrets.io/v1:SecretStore").inputs as any;
        const serviceAccount = only(plan, "kubernetes:core/v1:ServiceAccount").inputs as any;
        expect(store.spec.provider.aws.auth.jwt.serviceAccountRef.name).to.equal(serviceAccount.metadata.name);
        const role = ofType(plan, "aws:iam/role:Role").find((r) => r.name === "monitoring-receivers-reader")!;
        expect(serviceAccount.metadata.annotations["eks.amazonaws.com/role-arn"]).to.equal(
            `arn:aws:iam:us-east-1:123456789012:role/${role.name}`,
        );
        const trust = JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0];
        expect(trust.Condition.StringEquals["oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub"]).to.equal(
            `system:serviceaccount:monitoring:${serviceAccount.metadata.name}`,
        );
        const reader = ofType(plan, "aws:iam/policy:Policy").find((r) => r.name === "monitoring-receivers-reader")!;
        const policy = JSON.parse(reader.inputs.policy as string);
        expect(policy.Statement[0]).to.include({
            Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:caresync/prod/alertmanager-Ab12Cd",
        });
        expect(policy.Statement[1].Condition.StringEquals["kms:ViaService"]).to.equal("secretsmanager.us-east-1.amazonaws.com");
    });

    it("declares a namespace and service account that validate against the Kubernetes API schema", () => {
        new Namespace(only(plan, "kubernetes:core/v1:Namespace").inputs as any).validate();
        new ServiceAccount(only(plan, "kubernetes:core/v1:ServiceAccount").inputs as any).validate();
    });

    it("alarms on RDS CPU, connections > 80, free storage and replica lag on the primary, each replica and the analytics database", () => {
        const alarms = ofType(plan, ALARM).filter((a) => (a.inputs.namespace as string) === "AWS/RDS");
        // 4 instances × (CPU, connections, free storage) + lag on the 2 replicas.
        expect(alarms).to.have.length(4 * 3 + 2);
        const byMetric = (m: string) => alarms.filter((a) => a.inputs.metricName === m);
        for (const cpu of byMetric("CPUUtilization")) expect(cpu.inputs).to.include({ threshold: 80, evaluationPeriods: 2 });
        for (const c of byMetric("DatabaseConnections"))
            expect(c.inputs).to.include({ threshold: 80, comparisonOperator: "GreaterThanThreshold" });
        // 20 % of each instance's own allocated storage: 100 GiB for the main database, 50 GiB for analytics.
        const floors = Object.fromEntries(
            byMetric("FreeStorageSpace").map((s) => {
                expect(s.inputs.comparisonOperator).to.equal("LessThanThreshold");
                return [(s.inputs.dimensions as any).DBInstanceIdentifier, s.inputs.threshold];
            }),
        );
        expect(floors).to.deep.equal({
            "caresync-prod-db": 0.2 * 100 * 1024 ** 3,
            "caresync-prod-db-replica-1": 0.2 * 100 * 1024 ** 3,
            "caresync-prod-db-replica-2": 0.2 * 100 * 1024 ** 3,
            "caresync-prod-db-analytics": 0.2 * 50 * 1024 ** 3,
        });
        expect(byMetric("ReplicaLag").map((a) => (a.inputs.dimensions as any).DBInstanceIdentifier)).to.have.members([
            "caresync-prod-db-replica-1",
            "caresync-prod-db-replica-2",
        ]);
    });

    it("alarms on ElastiCache memory and evictions per node, ALB 5XX > 10 and ECS CPU > 80 for 2 periods [001]", () => {
        const alarms = ofType(plan, ALARM);
        const cache = alarms.filter((a) => a.inputs.namespace === "AWS/ElastiCache");
        expect(cache.map((a) => a.inputs.metricName).sort()).to.deep.equal([
            "DatabaseMemoryUsagePercentage",
            "DatabaseMemoryUsagePercentage",
            "Evictions",
            "Evictions",
        ]);
        const alb = alarms.filter((a) => a.inputs.namespace === "AWS/ApplicationELB");
        expect(alb).to.have.length(1);
        expect(alb[0].inputs).to.include({ metricName: "HTTPCode_Target_5XX_Count", statistic: "Sum", threshold: 10 });
        const ecs = alarms.filter((a) => a.inputs.namespace === "AWS/ECS");
        expect(ecs).to.have.length(2);
        for (const a of ecs) expect(a.inputs).to.include({ threshold: 80, evaluationPeriods: 2, datapointsToAlarm: 2 });
    });

    it("sends every alarm, and its recovery, to an SNS topic encrypted with a rotating KMS key", () => {
        const topic = only(plan, "aws:sns/topic:Topic");
        const key = only(plan, "aws:kms/key:Key");
        expect(topic.inputs.kmsMasterKeyId).to.equal(`arn:aws:kms:us-east-1:123456789012:key/${key.name}`);
        expect(key.inputs).to.include({ enableKeyRotation: true });
        const topicArn = `arn:aws:sns:us-east-1:123456789012:topic/${topic.name}`;
        for (const alarm of ofType(plan, ALARM)) {
            expect(alarm.inputs.alarmActions, alarm.name).to.deep.equal([topicArn]);
            expect(alarm.inputs.okActions, alarm.name).to.deep.equal([topicArn]);
        }
        const keyPolicy = JSON.parse(key.inputs.policy as string);
        const cloudwatch = keyPolicy.Statement.find((s: any) => s.Principal.Service === "cloudwatch.amazonaws.com");
        expect(cloudwatch.Action).to.include.members(["kms:Decrypt", "kms:GenerateDataKey*"]);
        const topicPolicy = JSON.parse(only(plan, "aws:sns/topicPolicy:TopicPolicy").inputs.policy as string);
        expect(topicPolicy.Statement).to.deep.include({
            Sid: "DenyPlaintextTransport",
            Effect: "Deny",
            Principal: "*",
            Action: "sns:Publish",
            Resource: topicArn,
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
    });

    describe("the rules.yaml the preview writes from the plan", () => {
        let dir: string;
        let rules: string;
        before(() => {
            dir = scratchDir();
            [rules] = writeRules({ plan, violations: [], policies: [] }, dir);
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("holds exactly the PrometheusRule groups and passes `promtool check rules`", () => {
            const written = parse(fs.readFileSync(rules, "utf8"));
            const declared = ofType(plan, RULE).flatMap((r) => (r.inputs.spec as any).groups);
            expect(written).to.deep.equal({ groups: declared });
            const result = promtool("check", "rules", rules);
            expect(result.ok, result.output).to.equal(true);
            expect(result.output).to.contain(`SUCCESS: ${alertCatalog.length} rules found`);
        });

        for (const fixture of alertFixtures) {
            it(`promtool test rules: ${fixture.alert} fires at minute ${fixture.firesAt} as ${fixture.severity}, silent when healthy`, () => {
                const written = parse(fs.readFileSync(rules, "utf8")).groups.flatMap((g: any) => g.rules);
                const rule = written.find((r: any) => r.alert === fixture.alert);
                const testFile = path.join(dir, `${fixture.alert}.test.yaml`);
                fs.writeFileSync(testFile, alertTestFile(rules, fixture, rule.annotations));
                const result = promtool("test", "rules", testFile);
                expect(result.ok, result.output).to.equal(true);
            });
        }
    });
});

describe("monitoring in every stack", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            let plan: Plan;
            before(async () => {
                plan = await planOf(stack);
            });

            it("has the alarm topic (KMS-encrypted), the on-call subscription and the receivers' secret", () => {
                const topic = only(plan, "aws:sns/topic:Topic");
                expect(topic.inputs.kmsMasterKeyId)
                    .to.be.a("string")
                    .and.match(/^arn:aws:kms:/);
                expect(only(plan, "aws:sns/topicSubscription:TopicSubscription").inputs).to.include({
                    protocol: "email",
                    endpoint: "platform-oncall@caresync.example.org",
                });
                const entry = ofType(plan, "aws:secretsmanager/secret:Secret").find(
                    (s) => s.inputs.name === `caresync/${stack}/alertmanager`,
                );
                expect(entry, "the receivers' entry").to.not.equal(undefined);
                const version = ofType(plan, "aws:secretsmanager/secretVersion:SecretVersion").find((v) => v.name === `${entry!.name}`)!;
                expect(version.options.ignoreChanges, "the issued values an operator stores are never overwritten").to.include(
                    "secretString",
                );
                const role = ofType(plan, "aws:iam/policy:Policy").find((p) => p.name === "monitoring-receivers-reader")!;
                expect(JSON.parse(role.inputs.policy as string).Statement[0].Resource).to.equal(arnIn(plan, entry!));
            });

            it("leaves Grafana off unless the stack asks: no Grafana values, no admin-login entry", () => {
                expect((prometheusRelease(plan).inputs.values as any).grafana).to.deep.equal({ enabled: false });
                const names = ofType(plan, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name);
                expect(names).to.not.include(`caresync/${stack}/grafana-admin`);
            });

            it("alarms on the database's primary and each replica and on every cache node, each to the topic", () => {
                // prod: 3 replicas [000]; prod's cache: 3 shards [002].
                const file = stackFile(stack);
                const config = parseStackConfig(file.config, file.file);
                const alarms = ofType(plan, ALARM);
                const topicArn = arnIn(plan, only(plan, "aws:sns/topic:Topic"));
                const rds = alarms.filter((a) => a.inputs.namespace === "AWS/RDS");
                // CPU, connections and free storage per instance; lag per replica.
                expect(rds).to.have.length(3 * (1 + config.database.readReplicas) + config.database.readReplicas);
                const nodes = (config.cache.clusterMode ? config.cache.shards : 1) * (1 + config.cache.replicasPerShard);
                const cache = alarms.filter((a) => a.inputs.namespace === "AWS/ElastiCache");
                expect(cache).to.have.length(2 * nodes);
                for (const a of alarms) {
                    expect(a.inputs.alarmActions, a.name).to.deep.equal([topicArn]);
                    expect(a.inputs.okActions, a.name).to.deep.equal([topicArn]);
                }
            });

            it("declares every catalog alert as a PrometheusRule in the services' namespace, routed per severity", () => {
                const rules = ofType(plan, RULE);
                const alerts = rules.flatMap((r) => (r.inputs.spec as any).groups.flatMap((g: any) => g.rules.map((x: any) => x.alert)));
                expect(alerts).to.have.members(alertCatalog.map((a) => a.name));
                for (const r of rules) expect((r.inputs.metadata as any).namespace).to.equal(`caresync-${stack}`);
                expect(channelsFor(plan, "critical")).to.deep.equal(["email", "pagerduty", "slack"]);
                expect(channelsFor(plan, "high")).to.deep.equal(["email", "slack"]);
                expect(channelsFor(plan, "medium")).to.deep.equal(["slack"]);
            });

            it("scrapes every service's /metrics: a ServiceMonitor Prometheus selects, matching its Service, admitted by its NetworkPolicy", () => {
                const namespace = `caresync-${stack}`;
                const services = ofType(plan, "kubernetes:core/v1:Service").filter(
                    (s) => (s.inputs.metadata as any).namespace === namespace,
                );
                const prometheus = (prometheusRelease(plan).inputs.values as any).prometheus.prometheusSpec;
                expect(prometheus.serviceMonitorSelectorNilUsesHelmValues).to.equal(false);
                expect(prometheus.serviceMonitorNamespaceSelector, "every namespace").to.deep.equal({});
                const monitors = ofType(plan, MONITOR).map((m) => m.inputs as any);
                const selected = monitors.filter((m) => matches(prometheus.serviceMonitorSelector, m.metadata.labels));
                expect(selected, "Prometheus selects every ServiceMonitor").to.have.length(monitors.length);
                expect(services.length).to.equal(Object.keys(stackConfig(stack).services).length);
                for (const service of services.map((s) => s.inputs as any)) {
                    const name = service.metadata.name;
                    const scraping = selected.filter(
                        (m) => m.metadata.namespace === namespace && matches(m.spec.selector, service.metadata.labels),
                    );
                    expect(scraping, `ServiceMonitors of ${name}`).to.have.length(1);
                    const endpoint = scraping[0].spec.endpoints[0];
                    expect(endpoint.path).to.equal("/metrics");
                    expect(endpoint.relabelings, `${name}'s series carry its tier`).to.deep.include({
                        targetLabel: "tier",
                        replacement: stackConfig(stack).services[name].tier,
                    });
                    const servicePort = service.spec.ports.find((p: any) => p.name === endpoint.port);
                    expect(servicePort, `${name} has the scraped port ${endpoint.port}`).to.not.equal(undefined);
                    const pod = podOf(plan, namespace, service.spec.selector);
                    const port = pod.spec.containers[0].ports.find((p: any) => p.name === servicePort.targetPort).containerPort;
                    expect(admitsPrometheus(plan, namespace, pod.metadata.labels, port), `Prometheus reaches ${name} on ${port}`).to.equal(
                        true,
                    );
                    expect(admitsPrometheus(plan, namespace, pod.metadata.labels, port + 1), `only on ${port}`).to.equal(false);
                }
            });

            it("writes rules.yaml that `promtool check rules` accepts", () => {
                const dir = scratchDir();
                try {
                    const [rules] = writeRules({ plan, violations: [], policies: [] }, dir);
                    const result = promtool("check", "rules", rules);
                    expect(result.ok, result.output).to.equal(true);
                    expect(result.output).to.contain(`SUCCESS: ${alertCatalog.length} rules found`);
                } finally {
                    fs.rmSync(dir, { recursive: true, force: true });
                }
            });
        });
    }

    it("on an ECS stack: ALB 5XX > 10 and CPU > 80 for 2 periods per service, to the topic; no in-cluster rules or exporters [001]", async () => {
        const plan = await planOf("staging", {
            "careplane:compute": { platform: "ecs", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c" },
            "careplane:services": {
                frontend: { tier: "web", image: "hims/frontend", tag: "2.3.0" },
                backend: { tier: "api", image: "hims/api", tag: "2.3.0", path: "/api" },
            },
        });
        const alarms = ofType(plan, ALARM);
        const topicArn = arnIn(plan, only(plan, "aws:sns/topic:Topic"));
        const alb = alarms.filter((a) => a.inputs.metricName === "HTTPCode_Target_5XX_Count");
        expect(alb).to.have.length(1);
        expect(alb[0].inputs).to.include({ threshold: 10, statistic: "Sum" });
        // The mock engine's ARN of the load balancer ends in `loadbalancer/<resource name>`.
        expect((alb[0].inputs.dimensions as any).LoadBalancer).to.equal(only(plan, "aws:lb/loadBalancer:LoadBalancer").name);
        const cpu = alarms.filter((a) => a.inputs.namespace === "AWS/ECS");
        expect(cpu.map((a) => (a.inputs.dimensions as any).ServiceName)).to.have.members(["frontend", "backend"]);
        for (const a of [...alb, ...cpu]) expect(a.inputs.alarmActions).to.deep.equal([topicArn]);
        expect(ofType(plan, RULE)).to.have.length(0);
        const entries = ofType(plan, "aws:secretsmanager/secret:Secret").map((e) => e.inputs.name);
        expect(entries).to.not.include("caresync/staging/alertmanager");
        expect(entries, "no exporter, so no monitoring login").to.not.include("caresync/staging/database-monitoring");
        expect(ofType(plan, RELEASE), "no chart at all: no cluster").to.have.length(0);
        expect(writeRules({ plan, violations: [], policies: [] }, scratchDir())).to.deep.equal([]);
    });

    it("reads an ALB's metric dimension from its ARN", () => {
        expect(
            albArnSuffix("arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/caresync-prod-alb/50dc6c495c0c9188"),
        ).to.equal("app/caresync-prod-alb/50dc6c495c0c9188");
    });

    it("requires an on-call address, naming the key", () => {
        const raw = {
            "aws:region": "us-east-1",
            "careplane:environment": "dev",
            "careplane:app": "caresync",
            "careplane:owner": "platform-team",
            ...deploymentKeys("dev"),
        };
        expect(() => parseStackConfig(raw, "Pulumi.dev.yaml")).to.throw(
            "Pulumi.dev.yaml: careplane:monitoring.oncallEmail = (missing) is not allowed: expected an email address such as platform-oncall@hospital.org",
        );
    });

    it("runs Grafana only on EKS, beside Prometheus", () => {
        const file = stackFile("staging", {
            "careplane:compute": { platform: "ecs", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c" },
            "careplane:monitoring": { oncallEmail: "oncall@hospital.org", grafana: true },
        });
        expect(() => parseStackConfig(file.config, file.file)).to.throw(
            "Pulumi.staging.yaml: careplane:monitoring.grafana = true is not allowed: Grafana runs in the EKS cluster beside Prometheus, and ECS stacks alert through CloudWatch only; use compute.platform eks or leave grafana off",
        );
    });

    it("accepts only an https runbook URL", () => {
        const raw = {
            "aws:region": "us-east-1",
            "careplane:environment": "dev",
            "careplane:app": "caresync",
            "careplane:owner": "platform-team",
            ...deploymentKeys("dev"),
            "careplane:monitoring": JSON.stringify({ oncallEmail: "oncall@hospital.org", runbookBaseUrl: "http://wiki/runbooks" }),
        };
        expect(() => parseStackConfig(raw, "Pulumi.dev.yaml")).to.throw(
            'Pulumi.dev.yaml: careplane:monitoring.runbookBaseUrl = "http://wiki/runbooks" is not allowed: expected an https URL of the runbooks page',
        );
    });
});
