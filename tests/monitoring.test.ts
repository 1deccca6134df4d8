import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { Namespace, ServiceAccount } from "kubernetes-models/v1";
import { parse, stringify } from "yaml";
import { albArnSuffix } from "../components/monitoring/cloudwatch-alarms";
import { CHATBOT_REGIONS, chatbotRegion, pagerDutyEndpoint } from "../components/monitoring/alarm-routes";
import { alertCatalog } from "../components/monitoring/alert-catalog";
import { receiverEntryKeys } from "../components/monitoring/alertmanager-routing";
import { parseStackConfig } from "../components/config/stack-config";
import { writeRules } from "../tools/engine/artifacts";
import { Plan, PlannedResource, SECRET_MASK } from "../tools/engine/plan";
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
type Route = { receiver: string; matchers?: string[]; routes?: Route[] };

function alertmanagerConfig(plan: Plan) {
    return (prometheusRelease(plan).inputs.values as any).alertmanager.config as { route: { routes: Route[] }; receivers: Receiver[] };
}

/**
 * The notification channels an alert of this severity and team reaches, read from the routing tree: the team's
 * subtree (DevOps' has no matcher: it takes what no other team claims), then the severity's route in it.
 * tests/alertmanager.test.ts proves the same tree with amtool.
 */
function channelsFor(plan: Plan, severity: string, team = "devops"): string[] {
    const config = alertmanagerConfig(plan);
    const teamRoute = config.route.routes.find((r) =>
        team === "devops" ? r.matchers === undefined : (r.matchers ?? []).includes(`team="${team}"`),
    );
    expect(teamRoute, `a route for team ${team}`).to.not.equal(undefined);
    const route = teamRoute!.routes!.find((r) => r.matchers!.some((m) => m === `severity="${severity}"` || m.includes(`"${severity}|`)));
    expect(route, `a route for severity ${severity}`).to.not.equal(undefined);
    const receiver = config.receivers.find((r) => r.name === route!.receiver)!;
    return Object.keys(receiver)
        .filter((k) => k.endsWith("_configs"))
        .map((k) => k.replace("_configs", ""))
        .sort();
}

/** A CloudWatch alarm by its key (its name without the `<app>-<env>-` prefix). */
function alarmNamed(plan: Plan, key: string): PlannedResource {
    const found = ofType(plan, ALARM).filter((a) => String(a.inputs.name).split("-").slice(2).join("-") === key);
    expect(found, `the alarm ${key}`).to.have.length(1);
    return found[0];
}

/** A metric-math alarm's expression (the query it compares) and the metrics it reads, by id. */
const expressionOf = (inputs: any): string => inputs.metricQueries.find((q: any) => q.returnData).expression;
const metricsOf = (inputs: any): Record<string, unknown> =>
    Object.fromEntries(inputs.metricQueries.filter((q: any) => !q.returnData).map((q: any) => [q.id, q.metric]));

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
            `arn:aws:iam::123456789012:role/${role.inputs.name}`,
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

    it("declares namespaces and a service account that validate against the Kubernetes API schema", () => {
        for (const ns of ofType(plan, "kubernetes:core/v1:Namespace")) new Namespace(ns.inputs as any).validate();
        new ServiceAccount(only(plan, "kubernetes:core/v1:ServiceAccount").inputs as any).validate();
    });

    it("keeps the credentials' namespace restricted and runs node-exporter apart, in a privileged namespace holding none (issue 22 item 2)", () => {
        const namespaces = new Map(
            ofType(plan, "kubernetes:core/v1:Namespace").map((n) => [(n.inputs as any).metadata.name, (n.inputs as any).metadata.labels]),
        );
        for (const mode of ["enforce", "audit", "warn"]) {
            expect(namespaces.get("monitoring")[`pod-security.kubernetes.io/${mode}`], mode).to.equal("restricted");
            expect(namespaces.get("node-exporter")[`pod-security.kubernetes.io/${mode}`], mode).to.equal("privileged");
        }
        const values = JSON.parse(JSON.stringify(prometheusRelease(plan).inputs.values));
        expect(values["prometheus-node-exporter"].namespaceOverride).to.equal("node-exporter");
        const inNodeExporter = plan.resources.filter(
            (r) => r.type.startsWith("kubernetes:") && (r.inputs as any).metadata?.namespace === "node-exporter",
        );
        expect(inNodeExporter.map((r) => r.type)).to.deep.equal(["kubernetes:networking.k8s.io/v1:NetworkPolicy"]);
        const holdsCredentials = ["kubernetes:external-secrets.io/v1:ExternalSecret", "kubernetes:external-secrets.io/v1:SecretStore"];
        for (const r of ofType(plan, holdsCredentials[0]).concat(ofType(plan, holdsCredentials[1])))
            expect((r.inputs as any).metadata.namespace, r.name).to.equal("monitoring");
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

    it("alarms on ElastiCache memory and evictions per node and ECS CPU > 80 for 2 periods [001]", () => {
        const alarms = ofType(plan, ALARM);
        const cache = alarms.filter((a) => a.inputs.namespace === "AWS/ElastiCache");
        expect(cache.map((a) => a.inputs.metricName).sort()).to.deep.equal([
            "DatabaseMemoryUsagePercentage",
            "DatabaseMemoryUsagePercentage",
            "Evictions",
            "Evictions",
        ]);
        const ecs = alarms.filter((a) => a.inputs.namespace === "AWS/ECS");
        expect(ecs).to.have.length(2);
        for (const a of ecs) expect(a.inputs).to.include({ threshold: 80, evaluationPeriods: 2, datapointsToAlarm: 2 });
    });

    it("watches the ALB as 001 does: 5XX > 10 in 5 min, 5XX rate > 0.1/s as written, beside the 1 % ratio, p95 > 5 s", () => {
        const lb = { LoadBalancer: "app/caresync-prod/0123456789abcdef" };
        expect(alarmNamed(plan, "alb-target-5xx").inputs).to.deep.include({
            namespace: "AWS/ApplicationELB",
            metricName: "HTTPCode_Target_5XX_Count",
            dimensions: lb,
            statistic: "Sum",
            period: 300,
            comparisonOperator: "GreaterThanThreshold",
            threshold: 10,
        });
        const rate = alarmNamed(plan, "alb-5xx-rate").inputs as any;
        expect(rate).to.include({ comparisonOperator: "GreaterThanThreshold", threshold: 0.1 });
        expect(expressionOf(rate)).to.equal("errors / PERIOD(errors)");
        expect(metricsOf(rate)).to.deep.equal({
            errors: { namespace: "AWS/ApplicationELB", metricName: "HTTPCode_Target_5XX_Count", dimensions: lb, period: 300, stat: "Sum" },
        });
        const ratio = alarmNamed(plan, "alb-5xx-ratio").inputs as any;
        expect(ratio).to.include({ comparisonOperator: "GreaterThanThreshold", threshold: 0.01 });
        expect(expressionOf(ratio)).to.equal("errors / requests");
        expect(metricsOf(ratio).requests).to.include({ metricName: "RequestCount", stat: "Sum" });
        expect(alarmNamed(plan, "alb-latency-p95").inputs).to.deep.include({
            metricName: "TargetResponseTime",
            dimensions: lb,
            extendedStatistic: "p95",
            evaluateLowSampleCountPercentiles: "ignore",
            threshold: 5,
        });
        expect(alarmNamed(plan, "alb-latency-p95").inputs.statistic, "a percentile is an extended statistic").to.equal(undefined);
    });

    it("pages when a routed service has no healthy target in either colour for 2 minutes, and warns on unhealthy targets", () => {
        // The fixture program's backend target groups, as the test program names them.
        const targetGroups = { blue: "targetgroup/backend-blue/0a1b2c3d4e5f6a7b", green: "targetgroup/backend-green/1b2c3d4e5f6a7b8c" };
        const colours = (metricName: string, stat: string) =>
            Object.fromEntries(
                Object.entries(targetGroups).map(([colour, TargetGroup]) => [
                    colour,
                    {
                        namespace: "AWS/ApplicationELB",
                        metricName,
                        dimensions: { LoadBalancer: "app/caresync-prod/0123456789abcdef", TargetGroup },
                        period: 60,
                        stat,
                    },
                ]),
            );
        const down = alarmNamed(plan, "backend-down").inputs as any;
        expect(down).to.include({
            comparisonOperator: "LessThanThreshold",
            threshold: 1,
            evaluationPeriods: 2,
            datapointsToAlarm: 2,
            treatMissingData: "breaching",
        });
        expect(expressionOf(down)).to.equal("FILL(blue, 0) + FILL(green, 0)");
        expect(metricsOf(down)).to.deep.equal(colours("HealthyHostCount", "Minimum"));
        expect(down.namespace, "metric math alarms name no metric of their own").to.equal(undefined);
        const unhealthy = alarmNamed(plan, "backend-unhealthy-targets").inputs as any;
        expect(unhealthy).to.include({
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: 5,
            datapointsToAlarm: 5,
        });
        expect(metricsOf(unhealthy)).to.deep.equal(colours("UnHealthyHostCount", "Maximum"));
        expect(
            ofType(plan, ALARM).filter((a) => String(a.inputs.name).startsWith("caresync-prod-frontend-")),
            "frontend is not routed",
        ).to.deep.equal([]);
    });

    it("sends every alarm, and its recovery, to its route: the owning team's topic for its severity [001, 002, 003]", () => {
        // Written out by alarm: who answers it and how urgently.
        const expected: Array<[RegExp, string]> = [
            [/^db-.*-(cpu|connections|lag)$/, "p2-dba"],
            [/^db-.*-free-storage$/, "p3-dba"],
            [/^cache-node-\d+-(memory|evictions)$/, "p2-devops"],
            [/^alb-(target-5xx|5xx-rate|5xx-ratio)$/, "p2-devops"],
            [/^alb-latency-p95$/, "p3-devops"],
            [/^backend-down$/, "p1-devops"],
            [/^backend-unhealthy-targets$/, "p2-devops"],
            [/^ecs-service-\d+-cpu$/, "p2-devops"],
        ];
        const topics = new Map(ofType(plan, "aws:sns/topic:Topic").map((t) => [t.inputs.name, arnIn(plan, t)]));
        for (const alarm of ofType(plan, ALARM)) {
            const key = String(alarm.inputs.name).replace("caresync-prod-", "");
            const route = expected.find(([pattern]) => pattern.test(key));
            expect(route, `a route is expected for ${key}`).to.not.equal(undefined);
            const topicArn = topics.get(`caresync-prod-alarms-${route![1]}`);
            expect(alarm.inputs.alarmActions, key).to.deep.equal([topicArn]);
            expect(alarm.inputs.okActions, key).to.deep.equal([topicArn]);
        }
    });

    it("has one topic per team and severity, each encrypted with the rotating alarms key and closed to plaintext", () => {
        const topics = ofType(plan, "aws:sns/topic:Topic");
        expect(topics.map((t) => t.inputs.name).sort()).to.deep.equal(
            ["p1", "p2", "p3", "p4"].flatMap((p) => ["dba", "devops", "security"].map((t) => `caresync-prod-alarms-${p}-${t}`)).sort(),
        );
        const key = only(plan, "aws:kms/key:Key");
        expect(key.inputs).to.include({ enableKeyRotation: true });
        for (const topic of topics) expect(topic.inputs.kmsMasterKeyId, topic.name).to.equal(arnIn(plan, key));
        const keyPolicy = JSON.parse(key.inputs.policy as string);
        const cloudwatch = keyPolicy.Statement.find((s: any) => s.Principal.Service === "cloudwatch.amazonaws.com");
        expect(cloudwatch.Action).to.include.members(["kms:Decrypt", "kms:GenerateDataKey*"]);
        const policies = ofType(plan, "aws:sns/topicPolicy:TopicPolicy");
        expect(policies).to.have.length(topics.length);
        for (const topic of topics) {
            const topicArn = arnIn(plan, topic);
            const policy = policies.find((p) => p.inputs.arn === topicArn);
            expect(policy, `${topic.name}'s policy`).to.not.equal(undefined);
            expect(JSON.parse(policy!.inputs.policy as string).Statement).to.deep.include({
                Sid: "DenyPlaintextTransport",
                Effect: "Deny",
                Principal: "*",
                Action: "sns:Publish",
                Resource: topicArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            });
        }
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

            it("subscribes the on-call list to every emailed route, and PagerDuty and Slack where prod configures them", () => {
                const topics = ofType(plan, "aws:sns/topic:Topic");
                expect(topics).to.have.length(12);
                for (const t of topics)
                    expect(t.inputs.kmsMasterKeyId, t.name)
                        .to.be.a("string")
                        .and.match(/^arn:aws:kms:/);
                const subscriptions = ofType(plan, "aws:sns/topicSubscription:TopicSubscription");
                const routeOf = (s: PlannedResource) =>
                    String(topics.find((t) => arnIn(plan, t) === s.inputs.topic)!.inputs.name).replace(`caresync-${stack}-alarms-`, "");
                const emailed = subscriptions.filter((s) => s.inputs.protocol === "email");
                for (const s of emailed)
                    expect(s.inputs.endpoint, "no team list in the root stacks: the on-call list").to.equal(
                        "platform-oncall@caresync.example.org",
                    );
                const paging = subscriptions.filter((s) => s.inputs.protocol === "https");
                const chat = ofType(plan, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration");
                if (stack === "prod") {
                    // Slack carries P3, so P3 is not mailed; PagerDuty takes every team's P1.
                    expect(emailed.map(routeOf).sort()).to.deep.equal(
                        ["p1", "p2", "p4"].flatMap((p) => ["dba", "devops", "security"].map((t) => `${p}-${t}`)).sort(),
                    );
                    expect(paging.map(routeOf).sort()).to.deep.equal(["p1-dba", "p1-devops", "p1-security"]);
                    for (const s of paging) expect(s.inputs).to.include({ endpoint: SECRET_MASK, endpointAutoConfirms: true });
                    expect(chat).to.have.length(1);
                    expect(chat[0].inputs).to.include({ slackTeamId: "T0CARESYNC", slackChannelId: "C0PLATFORMALERTS" });
                } else {
                    // Without Slack, every route mails the team, P3 included; nothing pages.
                    expect(emailed).to.have.length(12);
                    expect(paging).to.deep.equal([]);
                    expect(chat).to.deep.equal([]);
                }
            });

            it("keeps the Alertmanager receivers' credentials in their own Secrets Manager entry, never overwritten", () => {
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

            it("loads the chart's default rules where Prometheus selects them, owned by DevOps, without EKS's unreachable control plane", () => {
                const values = prometheusRelease(plan).inputs.values as any;
                const selector = values.prometheus.prometheusSpec.ruleSelector.matchLabels;
                expect(values.defaultRules.create).to.equal(true);
                expect(values.defaultRules.labels, "the chart's PrometheusRule objects carry the selected label").to.include(selector);
                expect(values.defaultRules.additionalRuleLabels).to.deep.equal({ team: "devops" });
                // EKS hides etcd, the scheduler and the controller manager; kube-proxy serves metrics on 127.0.0.1.
                for (const component of ["kubeEtcd", "kubeScheduler", "kubeControllerManager", "kubeProxy"])
                    expect(values[component], component).to.deep.equal({ enabled: false });
                expect(values.defaultRules.rules ?? {}, "every other default group stays on").to.deep.equal({});
            });

            it("pages on every finding rule whose route pages: an alarm on the rule's TriggeredRules, to the rule's own topic", () => {
                const all = ofType(plan, "aws:cloudwatch/eventRule:EventRule");
                // Critical (P1) routes page; a failed secret rotation (DevOps, high) goes to Slack and email only.
                const rules = all.filter((r) => (r.inputs.tags as any)?.Severity === "critical");
                expect(rules.length, "GuardDuty and Access Analyzer findings").to.be.at.least(2);
                const rotation = all.find((r) => r.inputs.name === `caresync-${stack}-devops-secret-rotation-failed`)!;
                expect((rotation.inputs.tags as any).Severity).to.equal("high");
                expect(
                    ofType(plan, ALARM).filter((a) => (a.inputs.dimensions as any)?.RuleName === rotation.inputs.name),
                    "no page for a P2 rule",
                ).to.deep.equal([]);
                for (const rule of rules) {
                    const target = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget").find((t) => t.dependencies.includes(rule.urn))!;
                    const alarm = ofType(plan, ALARM).find(
                        (a) => a.inputs.metricName === "TriggeredRules" && (a.inputs.dimensions as any)?.RuleName === rule.inputs.name,
                    );
                    expect(alarm, String(rule.inputs.name)).to.not.equal(undefined);
                    expect(alarm!.inputs).to.include({
                        namespace: "AWS/Events",
                        statistic: "Sum",
                        comparisonOperator: "GreaterThanOrEqualToThreshold",
                        threshold: 1,
                    });
                    expect(alarm!.inputs.alarmActions, String(rule.inputs.name)).to.deep.equal([target.inputs.arn]);
                    expect(target.inputs.arn).to.equal(
                        arnIn(
                            plan,
                            ofType(plan, "aws:sns/topic:Topic").find((t) => t.inputs.name === `caresync-${stack}-alarms-p1-security`)!,
                        ),
                    );
                }
            });

            it("leaves Grafana off unless the stack asks: no Grafana values, no admin-login entry", () => {
                expect((prometheusRelease(plan).inputs.values as any).grafana).to.deep.equal({ enabled: false });
                const names = ofType(plan, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name);
                expect(names).to.not.include(`caresync/${stack}/grafana-admin`);
            });

            it("alarms on the database's primary and each replica (to the DBA team) and on every cache node (to DevOps)", () => {
                // prod: 3 replicas [000]; prod's cache: 3 shards [002].
                const file = stackFile(stack);
                const config = parseStackConfig(file.config, file.file);
                const alarms = ofType(plan, ALARM);
                const topic = (route: string) =>
                    arnIn(
                        plan,
                        ofType(plan, "aws:sns/topic:Topic").find((t) => t.inputs.name === `caresync-${stack}-alarms-${route}`)!,
                    );
                const rds = alarms.filter((a) => a.inputs.namespace === "AWS/RDS");
                // CPU, connections and free storage per instance; lag per replica.
                expect(rds).to.have.length(3 * (1 + config.database.readReplicas) + config.database.readReplicas);
                const nodes = (config.cache.clusterMode ? config.cache.shards : 1) * (1 + config.cache.replicasPerShard);
                const cache = alarms.filter((a) => a.inputs.namespace === "AWS/ElastiCache");
                expect(cache).to.have.length(2 * nodes);
                for (const a of rds) {
                    const route = a.inputs.metricName === "FreeStorageSpace" ? "p3-dba" : "p2-dba";
                    expect(a.inputs.alarmActions, a.name).to.deep.equal([topic(route)]);
                    expect(a.inputs.okActions, a.name).to.deep.equal([topic(route)]);
                }
                for (const a of cache) expect(a.inputs.alarmActions, a.name).to.deep.equal([topic("p2-devops")]);
            });

            it("declares every catalog alert as a PrometheusRule in the services' namespace, routed per team and severity", () => {
                const rules = ofType(plan, RULE);
                const alerts = rules.flatMap((r) => (r.inputs.spec as any).groups.flatMap((g: any) => g.rules.map((x: any) => x.alert)));
                expect(alerts).to.have.members(alertCatalog.map((a) => a.name));
                for (const r of rules) expect((r.inputs.metadata as any).namespace).to.equal(`caresync-${stack}`);
                expect(channelsFor(plan, "critical")).to.deep.equal(["email", "pagerduty", "slack"]);
                expect(channelsFor(plan, "high")).to.deep.equal(["email", "slack"]);
                expect(channelsFor(plan, "medium")).to.deep.equal(["slack"]);
                expect(channelsFor(plan, "high", "dba")).to.deep.equal(["email", "slack"]);
                expect(channelsFor(plan, "critical", "security")).to.deep.equal(["email", "pagerduty", "slack"]);
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

    describe("on an ECS stack [001]", () => {
        let plan: Plan;
        before(async () => {
            plan = await planOf("staging", {
                "careplane:compute": { platform: "ecs", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c" },
                "careplane:services": {
                    frontend: { tier: "web", image: "hims/frontend", tag: "2.3.0" },
                    backend: { tier: "api", image: "hims/api", tag: "2.3.0", path: "/api" },
                },
            });
        });
        const topic = (route: string) =>
            arnIn(
                plan,
                ofType(plan, "aws:sns/topic:Topic").find((t) => t.inputs.name === `caresync-staging-alarms-${route}`)!,
            );
        /** The mock engine's ARN of a target group ends in `targetgroup/<resource name>`. */
        const targetGroup = (service: string, colour: string) =>
            `targetgroup/${ofType(plan, "aws:lb/targetGroup:TargetGroup").find((t) => t.name === `ecs-${service}-${colour}`)!.name}`;

        it("alarms on ALB 5XX > 10 and CPU > 80 for 2 periods per service; no in-cluster rules or exporters", () => {
            const alarms = ofType(plan, ALARM);
            const alb = alarmNamed(plan, "alb-target-5xx");
            expect(alb.inputs).to.include({ threshold: 10, statistic: "Sum", metricName: "HTTPCode_Target_5XX_Count" });
            // The mock engine's ARN of the load balancer ends in `loadbalancer/<resource name>`.
            expect((alb.inputs.dimensions as any).LoadBalancer).to.equal(only(plan, "aws:lb/loadBalancer:LoadBalancer").name);
            const cpu = alarms.filter((a) => a.inputs.namespace === "AWS/ECS");
            expect(cpu.map((a) => (a.inputs.dimensions as any).ServiceName)).to.have.members(["frontend", "backend"]);
            for (const a of [alb, ...cpu]) expect(a.inputs.alarmActions).to.deep.equal([topic("p2-devops")]);
            expect(ofType(plan, RULE)).to.have.length(0);
            const entries = ofType(plan, "aws:secretsmanager/secret:Secret").map((e) => e.inputs.name);
            expect(entries).to.not.include("caresync/staging/alertmanager");
            expect(entries, "no exporter, so no monitoring login").to.not.include("caresync/staging/database-monitoring");
            expect(ofType(plan, RELEASE), "no chart at all: no cluster").to.have.length(0);
            expect(writeRules({ plan, violations: [], policies: [] }, scratchDir())).to.deep.equal([]);
        });

        it("follows 001's escalation table: API down pages (P1), error rates mail and post (P2), slow responses post (P3)", () => {
            for (const service of ["frontend", "backend"]) {
                expect(alarmNamed(plan, `${service}-down`).inputs.alarmActions, service).to.deep.equal([topic("p1-devops")]);
                expect(alarmNamed(plan, `${service}-unhealthy-targets`).inputs.alarmActions, service).to.deep.equal([topic("p2-devops")]);
            }
            for (const key of ["alb-target-5xx", "alb-5xx-rate", "alb-5xx-ratio"])
                expect(alarmNamed(plan, key).inputs.alarmActions, key).to.deep.equal([topic("p2-devops")]);
            expect(alarmNamed(plan, "alb-latency-p95").inputs.alarmActions).to.deep.equal([topic("p3-devops")]);
            expect(metricsOf(alarmNamed(plan, "backend-down").inputs)).to.deep.include({
                blue: {
                    namespace: "AWS/ApplicationELB",
                    metricName: "HealthyHostCount",
                    dimensions: {
                        LoadBalancer: only(plan, "aws:lb/loadBalancer:LoadBalancer").name,
                        TargetGroup: targetGroup("backend", "blue"),
                    },
                    period: 60,
                    stat: "Minimum",
                },
            });
        });

        it("rolls a service's deployment back when its targets answer more than 10 5XX in 5 minutes (deployment alarms) [001]", () => {
            for (const service of ["frontend", "backend"]) {
                const alarm = ofType(plan, ALARM).find((a) => a.name === `ecs-${service}-deploy-5xx`)!;
                expect(alarm, `${service}'s deployment alarm`).to.not.equal(undefined);
                const inputs = alarm.inputs as any;
                expect(inputs).to.include({
                    comparisonOperator: "GreaterThanThreshold",
                    threshold: 10,
                    evaluationPeriods: 1,
                    treatMissingData: "notBreaching",
                });
                expect(expressionOf(inputs)).to.equal("FILL(blue, 0) + FILL(green, 0)");
                const metrics = metricsOf(inputs) as any;
                for (const colour of ["blue", "green"]) {
                    expect(metrics[colour], colour).to.deep.include({ metricName: "HTTPCode_Target_5XX_Count", stat: "Sum", period: 300 });
                    expect(metrics[colour].dimensions.TargetGroup, colour).to.equal(targetGroup(service, colour));
                }
                const ecsService = ofType(plan, "aws:ecs/service:Service").find((r) => r.name === `ecs-${service}`)!;
                expect(ecsService.inputs.alarms, service).to.deep.equal({ alarmNames: [inputs.name], enable: true, rollback: true });
                expect(ecsService.inputs.deploymentCircuitBreaker).to.deep.equal({ enable: true, rollback: true });
                expect(ecsService.dependencies, "the alarm exists before the service names it").to.include(alarm.urn);
                expect(inputs.alarmActions).to.deep.equal([topic("p2-devops")]);
            }
        });
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
            "careplane:compute": JSON.stringify({ certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c" }),
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
            "careplane:services": {},
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
            "careplane:compute": JSON.stringify({ certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c" }),
            ...deploymentKeys("dev"),
            "careplane:monitoring": JSON.stringify({ oncallEmail: "oncall@hospital.org", runbookBaseUrl: "http://wiki/runbooks" }),
        };
        expect(() => parseStackConfig(raw, "Pulumi.dev.yaml")).to.throw(
            'Pulumi.dev.yaml: careplane:monitoring.runbookBaseUrl = "http://wiki/runbooks" is not allowed: expected an https URL of the runbooks page',
        );
    });

    describe("rejects a bad alerting setting in one line naming the key, the value and what is allowed", () => {
        const raw = (monitoring: Record<string, unknown>) => ({
            "aws:region": "us-east-1",
            "careplane:environment": "dev",
            "careplane:app": "caresync",
            "careplane:owner": "platform-team",
            ...deploymentKeys("dev"),
            "careplane:compute": JSON.stringify({ certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c" }),
            "careplane:access": JSON.stringify({ breakGlass: { users: ["security-officer"] } }),
            "careplane:monitoring": JSON.stringify({ oncallEmail: "oncall@hospital.org", ...monitoring }),
        });
        const cases: Array<[string, Record<string, unknown>, string]> = [
            [
                "a scrape interval under 10 s",
                { scrapeInterval: "5s" },
                'careplane:monitoring.scrapeInterval = "5s" is not allowed: expected a scrape interval from 10s to 60s, such as 15s',
            ],
            [
                "an evaluation interval in minutes",
                { evaluationInterval: "1m" },
                'careplane:monitoring.evaluationInterval = "1m" is not allowed: expected a rule evaluation interval from 10s to 60s, such as 15s',
            ],
            [
                "a team list that is not an address",
                { teams: { dba: "the DBAs" } },
                'careplane:monitoring.teams.dba = "the DBAs" is not allowed: expected an email address such as dba@hospital.org',
            ],
            ["a team careplane does not route to", { teams: { finance: "finance@hospital.org" } }, "careplane:monitoring.teams.finance"],
            [
                "a Slack workspace ID in lower case (Chatbot's SlackTeamId is [0-9A-Z])",
                { slack: { workspaceId: "t07ea123lep", channelId: "C07EZ1ABC23" } },
                'careplane:monitoring.slack.workspaceId = "t07ea123lep" is not allowed: expected the Slack workspace ID, such as T07EA123LEP',
            ],
            [
                "a PagerDuty key written into the stack file instead of the name of its entry",
                { pagerduty: { integrationKeySecret: "https://events.pagerduty.com/integration/0123/enqueue" } },
                'careplane:monitoring.pagerduty.integrationKeySecret = "https://events.pagerduty.com/integration/0123/enqueue" is not allowed: expected the name of a Secrets Manager entry',
            ],
            [
                "a latency target of zero",
                { targets: { apiLatencyP95Ms: 0 } },
                "careplane:monitoring.targets.apiLatencyP95Ms = 0 is not allowed: expected a number of milliseconds above 0, such as 200",
            ],
            [
                "an error-rate target of 100 %",
                { targets: { errorRatePercent: 100 } },
                "careplane:monitoring.targets.errorRatePercent = 100 is not allowed: expected a percentage below 100, such as 0.1",
            ],
        ];
        for (const [what, monitoring, message] of cases) {
            it(what, () => {
                expect(() => parseStackConfig(raw(monitoring), "Pulumi.dev.yaml")).to.throw(`Pulumi.dev.yaml: ${message}`);
            });
        }
        it("accepts the example settings, and reaches a team left out through the on-call list", () => {
            const config = parseStackConfig(
                raw({
                    teams: { dba: "dba@hospital.org" },
                    slack: { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" },
                    pagerduty: { integrationKeySecret: "caresync/dev/pagerduty-cloudwatch" },
                    scrapeInterval: "15s",
                    evaluationInterval: "15s",
                    targets: { apiLatencyP95Ms: 200, dbQueryP95Ms: 100, errorRatePercent: 0.1 },
                }),
                "Pulumi.dev.yaml",
            );
            expect(config.monitoring.teams).to.deep.equal({ dba: "dba@hospital.org" });
            expect(config.monitoring).to.include({ scrapeInterval: "15s", evaluationInterval: "15s" });
        });
    });

    it("manages the Slack channel through a Region whose endpoint serves the Chatbot API", () => {
        // AWS General Reference, "Amazon Q Developer in chat applications endpoints and quotas".
        expect(CHATBOT_REGIONS).to.have.members(["us-east-2", "us-west-2", "eu-west-1", "ap-southeast-1"]);
        const cases: Array<[string, string]> = [
            ["us-east-1", "us-east-2"],
            ["us-west-2", "us-west-2"],
            ["us-west-1", "us-west-2"],
            ["eu-central-1", "eu-west-1"],
            ["af-south-1", "eu-west-1"],
            ["ap-northeast-1", "ap-southeast-1"],
            ["sa-east-1", "us-east-2"],
        ];
        for (const [region, chatbot] of cases) expect(chatbotRegion(region), region).to.equal(chatbot);
    });

    it("subscribes PagerDuty's CloudWatch integration at its documented endpoint", () => {
        expect(pagerDutyEndpoint("0123456789abcdef0123456789abcdef")).to.equal(
            "https://events.pagerduty.com/integration/0123456789abcdef0123456789abcdef/enqueue",
        );
    });
});
