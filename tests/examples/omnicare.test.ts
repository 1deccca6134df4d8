import { expect } from "chai";
import { cachedPaths, managedPolicies } from "../../components/edge/cdn";
import { mockArn } from "../../tools/engine/mocks";
import { PlannedResource } from "../../tools/engine/plan";
import { PlanIndex } from "../../tools/pages/plan-index";
import { awsArn } from "../iam/policies";
import { ofType } from "../support/engine";
import { allows } from "../support/iam";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { postgresMetricsOf } from "../../components/monitoring/exporters";
import { writeRules } from "../../tools/engine/artifacts";
import { omnicareTargets, targetAlertFixtures } from "../support/alert-fixtures";
import { alertTestFile, promtool, scratchDir } from "../support/promtool";
import {
    alarmTopic,
    alertingRule,
    databaseInstances,
    deliveries,
    examplePlan,
    expectLoadBalancerAdmitsCloudFrontOnly,
    hpaRanges,
    mandatoryViolations,
    theOne,
} from "./support";

// OmniCare EMR [seed 002]: its production architecture and services.
const guide = {
    azs: 3,
    postgresMajor: "15",
    readReplicas: 2,
    redisShards: 3,
    minReplicas: 3,
    services: ["backend", "frontend"],
};

describe("examples/omnicare [seed 002]", () => {
    const plan = () => examplePlan("omnicare", "prod");

    it("previews with zero mandatory violations", async () => {
        expect(await mandatoryViolations("omnicare", await plan())).to.deep.equal([]);
    });

    it("runs EKS with nodes in the app subnets of every AZ", async () => {
        const p = await plan();
        theOne(p, "aws:eks/cluster:Cluster");
        const nodes = theOne(p, "aws:eks/nodeGroup:NodeGroup");
        expect(nodes.inputs.subnetIds as string[]).to.have.length(guide.azs);
    });

    it("runs PostgreSQL 15 Multi-AZ with 2 read replicas", async () => {
        const p = await plan();
        const [primary] = databaseInstances(p, "primary");
        expect(primary.inputs.multiAz).to.equal(true);
        expect(String(primary.inputs.engineVersion).split(".")[0]).to.equal(guide.postgresMajor);
        expect(databaseInstances(p, "replica")).to.have.length(guide.readReplicas);
    });

    it("runs Redis in cluster mode with 3 shards", async () => {
        const group = theOne(await plan(), "aws:elasticache/replicationGroup:ReplicationGroup");
        expect(group.inputs.clusterMode).to.equal("enabled");
        expect(group.inputs.numNodeGroups).to.equal(guide.redisShards);
    });

    it("puts the ALB behind WAF", async () => {
        const p = await plan();
        const acl = ofType(p, "aws:wafv2/webAcl:WebAcl").find((a) => a.inputs.scope === "REGIONAL")!;
        const ingress = theOne(p, "kubernetes:networking.k8s.io/v1:Ingress");
        const annotations = (ingress.inputs.metadata as { annotations: Record<string, string> }).annotations;
        expect(annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"]).to.be.a("string").and.include(acl.name);
    });

    it("puts CloudFront in front of the frontend: TLS 1.2+ both ways, WAF, nothing but static assets cached, access logs encrypted", async () => {
        const p = await plan();
        const cdn = theOne(p, "aws:cloudfront/distribution:Distribution");
        const inputs = cdn.inputs as any;
        expect(inputs.aliases).to.deep.equal(["omnicare-health.example.org", "api.omnicare-health.example.org"]);
        expect(inputs.viewerCertificate).to.include({ minimumProtocolVersion: "TLSv1.2_2021", sslSupportMethod: "sni-only" });
        expect(inputs.origins).to.have.length(1);
        expect(inputs.origins[0].customOriginConfig).to.include({ originProtocolPolicy: "https-only" });
        expect(inputs.origins[0].customOriginConfig.originSslProtocols).to.deep.equal(["TLSv1.2"]);
        expect(inputs.defaultCacheBehavior).to.include({
            viewerProtocolPolicy: "redirect-to-https",
            cachePolicyId: managedPolicies.cachingDisabled,
        });
        expect(inputs.orderedCacheBehaviors.map((b: { pathPattern: string }) => b.pathPattern)).to.deep.equal(cachedPaths);

        const cdnAcl = ofType(p, "aws:wafv2/webAcl:WebAcl").find((a) => a.inputs.scope === "CLOUDFRONT")!;
        // A us-east-1 stack: the CDN's pieces go through the stack's own provider and logs key, with no second of either.
        const index = new PlanIndex(p);
        expect(index.regionOf(cdnAcl)).to.equal("us-east-1");
        expect(cdnAcl.provider).to.equal("");
        expect(ofType(p, "pulumi:providers:aws").map((r) => r.name)).to.deep.equal(["dr"]);
        expect(inputs.webAclId).to.include(cdnAcl.name);

        const source = theOne(p, "aws:cloudwatch/logDeliverySource:LogDeliverySource");
        expect(source.inputs).to.include({ logType: "ACCESS_LOGS" });
        expect(source.propertyDependencies.resourceArn).to.deep.equal([cdn.urn]);
        const destination = theOne(p, "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination");
        const destinationArn = String((destination.inputs.deliveryDestinationConfiguration as any).destinationResourceArn);
        const group = ofType(p, "aws:cloudwatch/logGroup:LogGroup").find((g) => destinationArn.endsWith(`:log-group:${g.inputs.name}`))!;
        const stackLogsKey = ofType(p, "aws:kms/key:Key").find((k) => k.name === "keys-logs")!;
        expect(group.propertyDependencies.kmsKeyId).to.deep.equal([stackLogsKey.urn]);
        theOne(p, "aws:cloudwatch/logDelivery:LogDelivery");
    });

    it("runs Prometheus and Alertmanager with the alert catalog's rules", async () => {
        const p = await plan();
        const release = ofType(p, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "kube-prometheus-stack")!;
        const values = release.inputs.values as any;
        expect(values.prometheus.prometheusSpec.replicas).to.be.at.least(2);
        expect(values.alertmanager.alertmanagerSpec.replicas).to.be.at.least(2);
        expect(ofType(p, "kubernetes:monitoring.coreos.com/v1:PrometheusRule").length).to.be.greaterThan(0);
    });

    it("runs Grafana [002] with its admin login synced from Secrets Manager, no anonymous access or sign-up, inside the cluster only", async () => {
        const p = await plan();
        const release = ofType(p, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "kube-prometheus-stack")!;
        const grafana = (release.inputs.values as any).grafana;
        expect(grafana.enabled).to.equal(true);
        expect(grafana).to.not.have.any.keys("adminPassword", "adminUser", "env");
        expect(grafana["grafana.ini"]["auth.anonymous"]).to.deep.equal({ enabled: false });
        expect(grafana["grafana.ini"].users).to.include({ allow_sign_up: false });
        expect(grafana["grafana.ini"].security).to.include({ cookie_secure: true });
        expect(grafana.service.type).to.equal("ClusterIP");
        expect(grafana.ingress.enabled).to.equal(false);

        // The Secret the chart reads is filled, key by key, from the entry <app>/<env>/grafana-admin.
        const externalSecret = ofType(p, "kubernetes:external-secrets.io/v1:ExternalSecret").find(
            (e) => (e.inputs.spec as any).target.name === grafana.admin.existingSecret,
        )!;
        const spec = externalSecret.inputs.spec as any;
        expect(spec.data.map((d: any) => d.secretKey)).to.have.members([grafana.admin.userKey, grafana.admin.passwordKey]);
        for (const d of spec.data) expect(d.remoteRef.key).to.equal("omnicare/prod/grafana-admin");
        expect(release.dependencies, "the Secret exists before Grafana starts").to.include(externalSecret.urn);
        const entry = ofType(p, "aws:secretsmanager/secret:Secret").find((s) => s.inputs.name === "omnicare/prod/grafana-admin")!;
        expect(entry.inputs.kmsKeyId).to.be.a("string");
        expect(entry.protect, "prod entries are protected").to.equal(true);
        const generated = ofType(p, "random:index/randomPassword:RandomPassword").find((r) => r.name === entry.name)!;
        expect(generated.inputs.length).to.be.at.least(32);

        // Its SecretStore authenticates as a role only its own service account assumes, allowed that entry alone.
        const store = ofType(p, "kubernetes:external-secrets.io/v1:SecretStore").find(
            (s) => (s.inputs.metadata as any).name === spec.secretStoreRef.name,
        )!;
        const account = (store.inputs.spec as any).provider.aws.auth.jwt.serviceAccountRef.name;
        const serviceAccount = ofType(p, "kubernetes:core/v1:ServiceAccount").find((a) => (a.inputs.metadata as any).name === account)!;
        const roleArn = (serviceAccount.inputs.metadata as any).annotations["eks.amazonaws.com/role-arn"];
        const role = ofType(p, "aws:iam/role:Role").find((r) => `arn:aws:iam::123456789012:role/${r.inputs.name ?? r.name}` === roleArn)!;
        const trust = JSON.parse(role.inputs.assumeRolePolicy as string).Statement[0];
        const sub = Object.entries(trust.Condition.StringEquals).find(([k]) => k.endsWith(":sub"))!;
        expect(sub[1]).to.equal(`system:serviceaccount:monitoring:${account}`);
        const attachment = ofType(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) => a.inputs.role === role.inputs.name)!;
        const reader = ofType(p, "aws:iam/policy:Policy").find((r) => mockArn(r.type, r.name) === attachment.inputs.policyArn)!;
        const policy = JSON.parse(awsArn(reader.inputs.policy as string));
        const secretArn = (r: PlannedResource) => awsArn(mockArn(r.type, r.name));
        const database = ofType(p, "aws:secretsmanager/secret:Secret").find((s) => String(s.inputs.name).endsWith("/database"))!;
        expect(await allows(policy, "secretsmanager:GetSecretValue", secretArn(entry))).to.equal(true);
        expect(await allows(policy, "secretsmanager:GetSecretValue", secretArn(database))).to.equal(false);
        expect(await allows(policy, "secretsmanager:PutSecretValue", secretArn(entry))).to.equal(false);
    });

    it("lets only CloudFront reach the ALB: its origin-facing prefix list on HTTPS alone, and a WAF that requires CloudFront's secret header", async () => {
        expectLoadBalancerAdmitsCloudFrontOnly(await plan());
    });

    it("runs backend and frontend with at least 3 replicas and an HPA each", async () => {
        const p = await plan();
        const ranges = hpaRanges(p);
        expect(Object.keys(ranges).sort()).to.deep.equal(guide.services);
        for (const d of ofType(p, "kubernetes:apps/v1:Deployment")) {
            expect((d.inputs.spec as { replicas: number }).replicas).to.be.at.least(guide.minReplicas);
        }
        for (const name of guide.services) expect(ranges[name].min).to.be.at.least(guide.minReplicas);
    });

    describe("alerts at the guide's targets: p95 API latency 200 ms, p95 query time 100 ms, error rate 0.1 %", () => {
        let dir: string;
        let rules: string;
        before(async () => {
            dir = scratchDir();
            [rules] = writeRules({ plan: await plan(), violations: [], policies: [] }, dir);
        });
        after(() => fs.rmSync(dir, { recursive: true, force: true }));

        it("declares one alert per target, at the target's figure", async () => {
            const p = await plan();
            expect(alertingRule(p, "ApiLatencyAboveTarget").expr).to.match(/> 0\.2$/);
            expect(alertingRule(p, "DatabaseQueryLatencyAboveTarget").expr).to.match(/pg_query_duration_seconds_bucket.* > 0\.1$/);
            expect(alertingRule(p, "ErrorRateAboveTarget").expr).to.match(/> 0\.001$/);
            expect(omnicareTargets).to.deep.equal({ apiLatencyP95Ms: 200, dbQueryP95Ms: 100, errorRatePercent: 0.1 });
        });

        for (const fixture of targetAlertFixtures) {
            it(`promtool: ${fixture.alert} fires just past its target and not just inside it`, () => {
                const rule = parse(fs.readFileSync(rules, "utf8"))
                    .groups.flatMap((g: any) => g.rules)
                    .find((r: any) => r.alert === fixture.alert);
                const testFile = path.join(dir, `${fixture.alert}.test.yaml`);
                fs.writeFileSync(testFile, alertTestFile(rules, fixture, rule.annotations));
                const result = promtool("test", "rules", testFile);
                expect(result.ok, result.output).to.equal(true);
            });
        }
    });

    it("watches lock contention: ACCESS EXCLUSIVE locks held and deadlocks, from what postgres_exporter emits [002]", async () => {
        const p = await plan();
        expect(alertingRule(p, "PostgresLockContention").expr).to.contain('pg_locks_count{mode="accessexclusivelock"}');
        expect(alertingRule(p, "PostgresDeadlocks").expr).to.contain("pg_stat_database_deadlocks");
        for (const release of ofType(p, "kubernetes:helm.sh/v3:Release").filter((r) => r.inputs.chart === "prometheus-postgres-exporter")) {
            expect(postgresMetricsOf(release.inputs.values as any), release.name).to.include.members([
                "pg_locks_count",
                "pg_stat_database_deadlocks",
            ]);
        }
    });

    it("mails the DBA and security teams their own alerts, in Alertmanager and in SNS [002 emergency contacts]", async () => {
        const p = await plan();
        const release = ofType(p, "kubernetes:helm.sh/v3:Release").find((r) => r.inputs.chart === "kube-prometheus-stack")!;
        const receivers = (release.inputs.values as any).alertmanager.config.receivers as Array<{
            name: string;
            email_configs?: Array<{ to: string }>;
        }>;
        const to = (name: string) => receivers.find((r) => r.name === name)!.email_configs![0].to;
        expect(to("dba-high")).to.equal("dba@omnicare-health.example.org");
        expect(to("security-critical")).to.equal("security@omnicare-health.example.org");
        expect(to("devops-critical")).to.equal("omnicare-critical@omnicare-health.example.org");
        // The primary's CPU alarm is the DBA team's: its topic mails their list and posts to Slack.
        expect(deliveries(p, alarmTopic(p, "omnicare-prod-db-primary-cpu"))).to.deep.equal({
            email: ["dba@omnicare-health.example.org"],
            https: 0,
            slack: true,
        });
    });
});
