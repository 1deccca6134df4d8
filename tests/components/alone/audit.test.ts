import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { Audit, SIX_YEARS_DAYS } from "../../../components/audit/audit";
import { AuditConfig } from "../../../components/config/schema/audit";
import { ACCOUNT, buildAlone, documentOf, keyArn, PARTITION } from "../../support/alone";

const DOCUMENTS = "arn:aws:s3:::caresync-documents-example";
const ACCESS_LOGS = "arn:aws:s3:::caresync-access-logs-example";

interface Options {
    stack?: string;
    config?: AuditConfig;
    ownsAccountSingletons?: boolean;
    platform?: "eks" | "ecs";
    backupRetentionDays?: number;
}

function audit({
    stack = "dev",
    config = { trail: true, guardDuty: true },
    ownsAccountSingletons = true,
    platform = "eks",
    backupRetentionDays = 30,
}: Options) {
    return buildAlone((context) => {
        // Stand-ins for what other components hand the audit area: a log group that can hold PHI, a role people assume.
        const phiLogs = new aws.cloudwatch.LogGroup("phi-logs", { name: "/careplane/stand-in-phi" });
        const analyst = new aws.iam.Role("analyst", { name: "stand-in-analyst", assumeRolePolicy: "{}" });
        new Audit("audit", {
            context,
            accountId: ACCOUNT,
            partition: PARTITION,
            logsKeyArn: keyArn("logs"),
            dataKeyArn: keyArn("data"),
            accessLogBucket: "caresync-access-logs-example",
            phiBucketArns: [DOCUMENTS],
            uploadBuckets: [{ key: "documents", name: "caresync-documents-example", arn: DOCUMENTS }],
            phiLogGroups: [phiLogs],
            phiLogBucketArns: [ACCESS_LOGS],
            archivedLogGroups: { "stand-in": phiLogs },
            readOnlyRoles: { analyst },
            config,
            ownsAccountSingletons,
            platform,
            backupRetentionDays,
        });
    }, stack);
}

describe("Audit, built alone", () => {
    it("records every object read and write on the PHI buckets it is given, in a trail encrypted with the logs key", async () => {
        const trail = (await audit({})).one("aws:cloudtrail/trail:Trail");
        expect(trail.inputs).to.include({ kmsKeyId: keyArn("logs"), isMultiRegionTrail: true, enableLogFileValidation: true });
        const selectors = JSON.stringify(trail.inputs.advancedEventSelectors);
        expect(selectors).to.include(`${DOCUMENTS}/`);
    });

    it("runs no trail when its config turns it off", async () => {
        const built = await audit({ config: { trail: false, guardDuty: true } });
        expect(built.ofType("aws:cloudtrail/trail:Trail")).to.have.length(0);
    });

    it("creates GuardDuty's detector and the access analyzer only where it owns the account's singletons, watching the platform it is given", async () => {
        const eks = await audit({ platform: "eks" });
        expect(eks.ofType("aws:guardduty/detector:Detector")).to.have.length(1);
        expect(eks.ofType("aws:accessanalyzer/analyzer:Analyzer")).to.have.length(1);
        const features = (built: typeof eks) => built.ofType("aws:guardduty/detectorFeature:DetectorFeature").map((f) => f.inputs.name);
        expect(features(eks)).to.include("EKS_AUDIT_LOGS");
        expect(features(await audit({ platform: "ecs" }))).to.not.include("EKS_AUDIT_LOGS");
        const guest = await audit({ ownsAccountSingletons: false });
        expect(guest.ofType("aws:guardduty/detector:Detector")).to.have.length(0);
        expect(guest.ofType("aws:accessanalyzer/analyzer:Analyzer")).to.have.length(0);
    });

    it("denies the roles people assume reading the PHI logs and buckets it is given", async () => {
        const built = await audit({});
        const deny = built.ofType("aws:iam/policy:Policy").find((p) => p.inputs.name === "caresync-dev-phi-log-read-deny")!;
        const text = JSON.stringify(documentOf(deny));
        expect(text).to.include("/careplane/stand-in-phi");
        expect(text).to.include(ACCESS_LOGS);
        const attached = built.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((a) => a.inputs.role);
        expect(attached).to.include("stand-in-analyst");
    });

    it("in prod, locks the trail's archive in COMPLIANCE mode for six years or the longer backup retention it is given, and protects it", async () => {
        for (const backupRetentionDays of [90, 3000]) {
            const built = await audit({ stack: "prod", backupRetentionDays });
            const lock = built.one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs.rule as any;
            expect(lock.defaultRetention).to.deep.equal({ mode: "COMPLIANCE", days: Math.max(SIX_YEARS_DAYS, backupRetentionDays) });
            expect(built.one("aws:s3/bucket:Bucket").protect).to.equal(true);
        }
    });
});
