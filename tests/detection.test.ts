// The audit area's detections and archive, read from the recorded plans: the trail's security
// metric filters and their P1 alarms, findings routed through EventBridge, Malware Protection on
// the upload buckets, IAM Access Analyzer, the Object Lock archive of the audit logs, and the
// PHI-bearing logs fenced.
import { expect } from "chai";
import { ofType, planOf, STACKS } from "./support/engine";
import { byUrn, rolePermissionsNotAwaited, tagsOf } from "./support/resources";
import { Plan } from "../tools/engine/plan";

/** The account a plan's stack deploys into (one per environment). */
const accountOf = (plan: Plan) => plan.deployment!.accountId;
const trailGroupOf = (plan: Plan) => {
    const [trail] = ofType(plan, "aws:cloudtrail/trail:Trail");
    return byUrn(plan, trail.propertyDependencies.cloudWatchLogsGroupArn[0])!;
};
/** The security team's P1 route: where security alarms and findings go [002, 003: a security team]. */
const alarmTopic = (plan: Plan) => ofType(plan, "aws:sns/topic:Topic").find((t) => t.name === "alarms-p1-security")!;
const patterns = (plan: Plan) =>
    ofType(plan, "aws:cloudwatch/logMetricFilter:LogMetricFilter").filter((f) => f.dependencies.includes(trailGroupOf(plan).urn));

describe("Detection and audit archive", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("picks out every security signal from the trail's log group, each on its own metric", async () => {
                const plan = await planOf(stack);
                const text = patterns(plan).map((f) => String(f.inputs.pattern));
                const has = (...parts: string[]) => text.some((p) => parts.every((part) => p.includes(part)));
                for (const name of [
                    "StopLogging",
                    "DeleteTrail",
                    "UpdateTrail",
                    "PutKeyPolicy",
                    "ScheduleKeyDeletion",
                    "DisableKey",
                    "DeleteDetector",
                ]) {
                    expect(has(`$.eventName = "${name}"`), name).to.equal(true);
                }
                expect(has('$.userIdentity.type = "Root"', "$.userIdentity.invokedBy NOT EXISTS"), "root").to.equal(true);
                expect(has('$.eventName = "ConsoleLogin"', '$.additionalEventData.MFAUsed != "Yes"'), "console without MFA").to.equal(true);
                expect(
                    has(
                        '$.eventName = "AssumeRole"',
                        `$.requestParameters.roleArn = "arn:aws:iam::${accountOf(plan)}:role/caresync-${stack}-break-glass"`,
                    ),
                    "break-glass",
                ).to.equal(true);
                const metrics = patterns(plan).map((f) => (f.inputs.metricTransformation as any).name);
                expect(new Set(metrics).size).to.equal(metrics.length);
            });

            it("alarms P1 (critical, to the security team's P1 topic) on any one matching event in five minutes", async () => {
                const plan = await planOf(stack);
                const topic = alarmTopic(plan);
                const alarms = ofType(plan, "aws:cloudwatch/metricAlarm:MetricAlarm");
                for (const filter of patterns(plan)) {
                    const metric = filter.inputs.metricTransformation as { name: string; namespace: string };
                    const alarm = alarms.find((a) => a.inputs.metricName === metric.name && a.inputs.namespace === metric.namespace);
                    expect(alarm, metric.name).to.not.equal(undefined);
                    expect(alarm!.inputs).to.include({
                        statistic: "Sum",
                        comparisonOperator: "GreaterThanOrEqualToThreshold",
                        threshold: 1,
                        period: 300,
                        treatMissingData: "notBreaching",
                    });
                    expect(tagsOf(alarm!).Severity).to.equal("critical");
                    expect(String(alarm!.inputs.alarmDescription)).to.match(/^P1 critical \(security\): /);
                    expect(alarm!.propertyDependencies.alarmActions).to.deep.equal([topic.urn]);
                }
            });

            it("routes GuardDuty findings of severity 7 and more to the security team's P1 topic, which lets that rule publish and use its key", async () => {
                const plan = await planOf(stack);
                const rule = ofType(plan, "aws:cloudwatch/eventRule:EventRule").find((r) =>
                    String(r.inputs.eventPattern).includes("aws.guardduty"),
                )!;
                expect(JSON.parse(String(rule.inputs.eventPattern))).to.deep.equal({
                    source: ["aws.guardduty"],
                    "detail-type": ["GuardDuty Finding"],
                    detail: { severity: [{ numeric: [">=", 7] }] },
                });
                expect(rule.inputs.state).to.equal("ENABLED");
                const target = ofType(plan, "aws:cloudwatch/eventTarget:EventTarget").find((t) => t.dependencies.includes(rule.urn))!;
                expect(target.propertyDependencies.arn).to.deep.equal([alarmTopic(plan).urn]);
            });

            it("scans every object uploaded to the documents and images buckets for malware, tagging the result", async () => {
                const plan = await planOf(stack);
                const plans = ofType(plan, "aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan");
                const scanned = plans.map((p) => (p.inputs.protectedResource as any).s3Bucket.bucketName).sort();
                expect(scanned).to.deep.equal([
                    `caresync-${stack}-documents-${accountOf(plan)}`,
                    `caresync-${stack}-images-${accountOf(plan)}`,
                ]);
                for (const p of plans) {
                    expect(p.inputs.actions).to.deep.equal([{ taggings: [{ status: "ENABLED" }] }]);
                    expect((p.inputs.protectedResource as any).s3Bucket.objectPrefixes).to.equal(undefined);
                    const { permissions, missing } = rolePermissionsNotAwaited(plan, p, "role");
                    expect(permissions).to.have.length(1);
                    expect(missing, "GuardDuty checks the role's permissions when the plan is created").to.deep.equal([]);
                }
            });

            it("streams the database's postgresql logs (every instance) and the EKS audit log into the trail's bucket", async () => {
                const plan = await planOf(stack);
                const [trail] = ofType(plan, "aws:cloudtrail/trail:Trail");
                const [stream] = ofType(plan, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
                const s3 = stream.inputs.extendedS3Configuration as any;
                expect(s3.bucketArn).to.equal(`arn:aws:s3:::${trail.inputs.s3BucketName}`);
                expect(s3.compressionFormat).to.equal("UNCOMPRESSED");
                expect(stream.inputs.serverSideEncryption).to.deep.include({ enabled: true, keyType: "CUSTOMER_MANAGED_CMK" });
                const filters = ofType(plan, "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter");
                const archived = filters.map((f) => String(f.inputs.logGroup)).sort();
                const postgresql = ofType(plan, "aws:rds/instance:Instance").map(
                    (i) => `/aws/rds/instance/${i.inputs.identifier}/postgresql`,
                );
                expect(archived).to.deep.equal([...postgresql, `/aws/eks/caresync-${stack}-eks/cluster`].sort());
                for (const f of filters) {
                    expect(f.inputs.filterPattern).to.equal("");
                    expect(f.propertyDependencies.destinationArn).to.deep.equal([stream.urn]);
                    expect(rolePermissionsNotAwaited(plan, f, "roleArn").missing).to.deep.equal([]);
                }
                expect(rolePermissionsNotAwaited(plan, stream, "extendedS3Configuration").missing).to.deep.equal([]);
            });

            it("fences the logs that can hold PHI: tagged phi, denied to the analytics role, readable by the auditor", async () => {
                const plan = await planOf(stack);
                const phi = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").filter((g) => tagsOf(g).DataClassification === "phi");
                const names = phi.map((g) => String(g.inputs.name));
                expect(names).to.include.members([
                    `/aws/rds/instance/caresync-${stack}-db/postgresql`,
                    `/careplane/caresync-${stack}-redis/slow-log`,
                    `aws-waf-logs-caresync-${stack}-web-acl`,
                ]);
                const deny = ofType(plan, "aws:iam/policy:Policy").find((p) => p.inputs.name === `caresync-${stack}-phi-log-read-deny`)!;
                for (const g of phi) expect(deny.propertyDependencies.policy, String(g.inputs.name)).to.include(g.urn);
                const attached = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((a) =>
                    a.dependencies.includes(deny.urn),
                );
                const roles = attached.map((a) => byUrn(plan, a.propertyDependencies.role[0])!.name);
                expect(roles).to.include("analytics");
                const auditor = ofType(plan, "aws:iam/role:Role").find((r) => r.inputs.name === `caresync-${stack}-auditor`)!;
                expect(JSON.parse(String(auditor.inputs.assumeRolePolicy)).Statement[0].Condition.Bool).to.deep.equal({
                    "aws:MultiFactorAuthPresent": "true",
                });
            });

            it("keeps WAF request sampling off everywhere, and credentials out of its log", async () => {
                const plan = await planOf(stack);
                for (const acl of ofType(plan, "aws:wafv2/webAcl:WebAcl")) {
                    expect((acl.inputs.visibilityConfig as any).sampledRequestsEnabled).to.equal(false);
                    for (const rule of acl.inputs.rules as any[])
                        expect(rule.visibilityConfig.sampledRequestsEnabled, rule.name).to.equal(false);
                }
                for (const logging of ofType(plan, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration")) {
                    const headers = (logging.inputs.redactedFields as any[]).map((f) => f.singleHeader?.name).filter(Boolean);
                    expect(headers).to.include.members(["authorization", "cookie"]);
                }
            });
        });
    }

    it("prod: keeps the trail's files and the archived audit logs under COMPLIANCE Object Lock at least six years", async () => {
        const plan = await planOf("prod");
        const [trail] = ofType(plan, "aws:cloudtrail/trail:Trail");
        const bucket = ofType(plan, "aws:s3/bucket:Bucket").find((b) => b.inputs.bucket === trail.inputs.s3BucketName)!;
        const lock = ofType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").find((l) =>
            l.dependencies.includes(bucket.urn),
        )!;
        const retention = (lock.inputs.rule as any).defaultRetention;
        expect(retention.mode).to.equal("COMPLIANCE");
        expect(retention.days).to.be.at.least(6 * 365 + 1);
    });

    it("dev: keeps the audit bucket unlocked, so the stack can be destroyed (synthetic data only [000])", async () => {
        const plan = await planOf("dev");
        const [trail] = ofType(plan, "aws:cloudtrail/trail:Trail");
        const bucket = ofType(plan, "aws:s3/bucket:Bucket").find((b) => b.inputs.bucket === trail.inputs.s3BucketName)!;
        expect(bucket.inputs.objectLockEnabled).to.equal(undefined);
        expect(bucket.inputs.forceDestroy).to.equal(true);
    });

    for (const stack of STACKS) {
        it(`${stack} (its account's singletons): runs IAM Access Analyzer and routes its active findings to P1`, async () => {
            const plan = await planOf(stack);
            const [analyzer] = ofType(plan, "aws:accessanalyzer/analyzer:Analyzer");
            expect(analyzer.inputs).to.include({ type: "ACCOUNT", analyzerName: `caresync-${stack}-access-analyzer` });
            const rule = ofType(plan, "aws:cloudwatch/eventRule:EventRule").find((r) =>
                String(r.inputs.eventPattern).includes("access-analyzer"),
            )!;
            expect(JSON.parse(String(rule.inputs.eventPattern)).detail).to.deep.equal({ status: ["ACTIVE"] });
            expect(String(rule.inputs.description)).to.match(/^P1 critical \(security\): /);
        });
    }

    it("leaves the account analyzer and its route to the stack that owns the account's singletons", async () => {
        // dev in staging's account, staging owning the singletons there.
        const shared = {
            "aws:allowedAccountIds": JSON.stringify(["777788889999"]),
            "careplane:account": { id: "777788889999", singletons: false },
            "careplane:audit": { trail: false, guardDuty: false },
        };
        const plan = await planOf("dev", shared);
        expect(ofType(plan, "aws:accessanalyzer/analyzer:Analyzer")).to.have.length(0);
        // The stack's own event rules remain (its secrets' rotation failures and age check), none for the analyzer.
        const rules = ofType(plan, "aws:cloudwatch/eventRule:EventRule");
        expect(rules.filter((r) => String(r.inputs.eventPattern ?? "").includes("aws.access-analyzer"))).to.have.length(0);
        expect(rules.map((r) => r.name).sort()).to.deep.equal(["monitoring-devops-secret-rotation-failed", "rotation-secret-age"]);
    });

    it("with ECS and Session Manager (seed 001): fences the services' logs and the session transcripts, denies them to the operator, archives the sessions", async () => {
        const plan = await planOf("prod", {}, `${__dirname}/../examples/arocord`);
        const phi = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").filter((g) => tagsOf(g).DataClassification === "phi");
        const names = phi.map((g) => String(g.inputs.name));
        expect(names.some((n) => n.startsWith("/careplane/") && n.includes("-ecs/"))).to.equal(true);
        expect(names.some((n) => n.endsWith("-admin-sessions"))).to.equal(true);
        const deny = ofType(plan, "aws:iam/policy:Policy").find((p) => String(p.inputs.name).endsWith("-phi-log-read-deny"))!;
        for (const g of phi) expect(deny.propertyDependencies.policy, String(g.inputs.name)).to.include(g.urn);
        const roles = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
            .filter((a) => a.dependencies.includes(deny.urn))
            .map((a) => byUrn(plan, a.propertyDependencies.role[0])!.name)
            .sort();
        expect(roles).to.deep.equal(["access-operator", "analytics"]);
        const archived = ofType(plan, "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter").map((f) => String(f.inputs.logGroup));
        expect(archived.some((n) => n.endsWith("-admin-sessions"))).to.equal(true);
    });
});
