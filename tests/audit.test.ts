import { expect } from "chai";
import { guardDutyFeatures, trailBucketStatements, trailDeliveryPolicy } from "../components/audit/audit";
import { parseStackConfig } from "../components/config/stack-config";
import { ofType, planOf, stackFile, STACKS } from "./support/engine";
import { rolePermissionsNotAwaited } from "./support/resources";

describe("Audit: CloudTrail and GuardDuty", () => {
    for (const stack of STACKS) {
        it(`${stack}: a multi-region trail with log-file validation, KMS, CloudWatch delivery and PHI data events`, async () => {
            const plan = await planOf(stack);
            const [trail] = ofType(plan, "aws:cloudtrail/trail:Trail");
            expect(trail.inputs).to.include({ isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true });
            const logsKey = ofType(plan, "aws:kms/key:Key").find((k) => (k.inputs.tags as Record<string, string>).KeyClass === "logs")!;
            expect(trail.dependencies).to.include(logsKey.urn);
            expect(trail.inputs.cloudWatchLogsGroupArn).to.match(/^arn:aws:logs:.*:\*$/);
            const phiBuckets = ofType(plan, "aws:s3/bucket:Bucket").filter(
                (b) => (b.inputs.tags as Record<string, string>).DataClassification === "phi",
            );
            const [management, data] = trail.inputs.advancedEventSelectors as any[];
            expect(management.fieldSelectors).to.deep.equal([{ field: "eventCategory", equals: ["Management"] }]);
            const fields = new Map<string, any>(data.fieldSelectors.map((f: any) => [f.field, f]));
            expect(fields.get("eventCategory").equals).to.deep.equal(["Data"]);
            expect(fields.get("resources.type").equals).to.deep.equal(["AWS::S3::Object"]);
            expect([...fields.keys()].sort(), "no field narrows it to reads or writes").to.deep.equal([
                "eventCategory",
                "resources.ARN",
                "resources.type",
            ]);
            const prefixes: string[] = fields.get("resources.ARN").startsWiths;
            // The trail is multi-region: it watches the DR region's copies too, and the buckets restore tests create.
            expect(prefixes).to.have.length(phiBuckets.length + 1);
            expect(prefixes).to.include("arn:aws:s3:::awsbackup-restore-test-");
            for (const b of phiBuckets) expect(prefixes).to.include(`arn:aws:s3:::${b.inputs.bucket}/`);
            for (const b of phiBuckets) expect(trail.dependencies).to.include(b.urn);
        });

        it(`${stack}: the trail is created only once its delivery role holds its permissions [issue 18 item 15]`, async () => {
            const plan = await planOf(stack);
            const [trail] = ofType(plan, "aws:cloudtrail/trail:Trail");
            const { permissions, missing } = rolePermissionsNotAwaited(plan, trail, "cloudWatchLogsRoleArn");
            expect(permissions).to.have.length(1);
            expect(missing).to.deep.equal([]);
        });

        it(`${stack}: the trail's log group is audit-class, encrypted and kept at least the audit floor`, async () => {
            const plan = await planOf(stack);
            const group = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").find((g) => (g.inputs.name as string).endsWith("-trail"))!;
            expect((group.inputs.tags as Record<string, string>).LogClass).to.equal("audit");
            expect(group.inputs.kmsKeyId).to.match(/^arn:aws:kms:/);
            expect(group.inputs.retentionInDays).to.be.at.least(stack === "prod" ? 365 : stack === "dev" ? 30 : 90);
        });

        it(`${stack}: GuardDuty watches S3, RDS logins, volumes, the EKS audit log and the containers at run time`, async () => {
            const plan = await planOf(stack);
            const [detector] = ofType(plan, "aws:guardduty/detector:Detector");
            expect(detector.inputs).to.include({ enable: true });
            const features = ofType(plan, "aws:guardduty/detectorFeature:DetectorFeature");
            for (const f of features) expect(f.dependencies, String(f.inputs.name)).to.include(detector.urn);
            expect(features.map((f) => [f.inputs.name, f.inputs.status]).sort()).to.deep.equal(
                ["S3_DATA_EVENTS", "RDS_LOGIN_EVENTS", "EBS_MALWARE_PROTECTION", "EKS_AUDIT_LOGS", "RUNTIME_MONITORING"]
                    .map((n) => [n, "ENABLED"])
                    .sort(),
            );
            const runtime = features.find((f) => f.inputs.name === "RUNTIME_MONITORING")!;
            expect(runtime.inputs.additionalConfigurations).to.deep.include.members([
                { name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" },
                { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
            ]);
        });
    }

    it("on ECS: runtime monitoring manages the Fargate agent, with no EKS add-on and no EKS audit logs", () => {
        const features = Object.fromEntries(guardDutyFeatures("ecs").map((f) => [f.name, f]));
        expect(Object.keys(features).sort()).to.deep.equal([
            "EBS_MALWARE_PROTECTION",
            "RDS_LOGIN_EVENTS",
            "RUNTIME_MONITORING",
            "S3_DATA_EVENTS",
        ]);
        expect(features.RUNTIME_MONITORING.additionalConfigurations).to.deep.include.members([
            { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
            { name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" },
        ]);
    });

    it("adds no guardduty-data endpoint of its own: GuardDuty's automated agent configuration creates it", async () => {
        const endpoints = ofType(await planOf("prod"), "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => String(e.inputs.serviceName));
        expect(endpoints.filter((s) => s.includes("guardduty"))).to.deep.equal([]);
    });

    it("keeps prod's trail files under COMPLIANCE Object Lock for the retention period", async () => {
        const plan = await planOf("prod");
        const lock = ofType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").find(
            (l) => l.name === "audit-trail",
        )!;
        expect(lock.inputs.rule).to.deep.equal({ defaultRetention: { mode: "COMPLIANCE", days: 2557 } });
    });

    it("lets CloudTrail write only its own files into the trail bucket, for this trail only", () => {
        const [acl, write] = trailBucketStatements(
            "arn:aws:s3:::t",
            "arn:aws:cloudtrail:us-east-1:111122223333:trail/x",
            "111122223333",
        ) as any[];
        expect(acl.Condition.StringEquals["aws:SourceArn"]).to.equal("arn:aws:cloudtrail:us-east-1:111122223333:trail/x");
        expect(write.Resource).to.equal("arn:aws:s3:::t/AWSLogs/111122223333/*");
        expect(write.Condition.StringEquals["s3:x-amz-acl"]).to.equal("bucket-owner-full-control");
        const delivery = trailDeliveryPolicy("arn:aws:logs:us-east-1:111122223333:log-group:/careplane/x");
        expect(delivery.Statement).to.have.length(1);
        expect((delivery.Statement[0] as any).Action).to.deep.equal(["logs:CreateLogStream", "logs:PutLogEvents"]);
    });

    it("lets a non-prod stack that shares prod's account leave the account-level services to prod", async () => {
        const plan = await planOf("dev", { "careplane:audit": { trail: false, guardDuty: false } });
        expect(ofType(plan, "aws:cloudtrail/trail:Trail")).to.have.length(0);
        expect(ofType(plan, "aws:guardduty/detector:Detector")).to.have.length(0);
    });

    it("refuses to turn either off in prod, with one line", () => {
        const file = stackFile("prod", { "careplane:audit": { guardDuty: false } });
        expect(() => parseStackConfig(file.config, "Pulumi.prod.yaml")).to.throw(
            "Pulumi.prod.yaml: careplane:audit.guardDuty = false is not allowed: prod always runs GuardDuty; only true is allowed",
        );
    });
});
