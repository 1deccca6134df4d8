import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../components/config/stack-config";
import { Plan, PlannedResource } from "../tools/engine/plan";
import { ofType, planOf, stackFile, STACKS } from "./support/engine";
import { byUrn, regionOf, sibling, tagsOf } from "./support/resources";

// Backups kept dev 30 days, test and staging 90, prod 7 years (2557 days) [000]; locked in
// COMPLIANCE mode in prod, GOVERNANCE elsewhere (issue 4); replicated to the DR region in prod.
const backupLock: Record<string, { mode: string; days: number }> = {
    dev: { mode: "GOVERNANCE", days: 30 },
    test: { mode: "GOVERNANCE", days: 90 },
    staging: { mode: "GOVERNANCE", days: 90 },
    prod: { mode: "COMPLIANCE", days: 2557 },
};
const REGION = "us-east-1";
const DR_REGION = "us-west-2";
/** Days S3 bills an object for at least, once it is in a colder class. */
const minimumStorageDays: Record<string, number> = { STANDARD_IA: 30, GLACIER: 90, DEEP_ARCHIVE: 180 };
/** Elastic Load Balancing's log-delivery account in us-east-1 (AWS's documented list). */
const ELB_US_EAST_1 = "arn:aws:iam::127311923021:root";

const buckets = (plan: Plan) => ofType(plan, "aws:s3/bucket:Bucket");
/** The Storage component's buckets (other components, such as the audit trail's, build their own). */
const storageBuckets = (plan: Plan) => buckets(plan).filter((b) => b.urn.includes("careplane:storage:Storage$"));
const part = (plan: Plan, bucket: PlannedResource, kind: string) => sibling(plan, bucket, `aws:s3/${kind}`);
const lifecycleRules = (plan: Plan, bucket: PlannedResource) =>
    part(plan, bucket, "bucketLifecycleConfiguration:BucketLifecycleConfiguration")!.inputs.rules as any[];
const policyOf = (plan: Plan, bucket: PlannedResource) =>
    JSON.parse(part(plan, bucket, "bucketPolicy:BucketPolicy")!.inputs.policy as string);
const isLogBucket = (b: PlannedResource) => tagsOf(b).LogClass === "audit";
const backupBucket = (plan: Plan, region: string) =>
    storageBuckets(plan).find((b) => b.inputs.objectLockEnabled === true && regionOf(plan, b, REGION) === region);

function configError(stack: string, overrides: Record<string, unknown>): string {
    const file = stackFile(stack, overrides);
    try {
        parseStackConfig(file.config, file.file);
    } catch (e) {
        if (e instanceof ConfigError) return e.message;
        throw e;
    }
    throw new Error("the config was accepted");
}

describe("S3 storage", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("has documents, images, backups and an access-log bucket (and their DR pair in prod)", async () => {
                const plan = await planOf(stack);
                const names = storageBuckets(plan)
                    .map((b) => (b.inputs.bucket as string).replace(`-${plan.deployment!.accountId}`, ""))
                    .sort();
                const base = ["access-logs", "backups", "documents", "images"];
                const expected = stack === "prod" ? [...base, "access-logs-dr", "backups-dr"] : base;
                expect(names).to.deep.equal(expected.map((s) => `caresync-${stack}-${s}`).sort());
                for (const b of storageBuckets(plan)) expect(b.protect, b.name).to.equal(stack === "prod");
            });

            it("versions, encrypts, closes and owns every bucket", async () => {
                const plan = await planOf(stack);
                for (const b of buckets(plan)) {
                    const versioning = part(plan, b, "bucketVersioning:BucketVersioning")!.inputs.versioningConfiguration;
                    expect(versioning, b.name).to.deep.equal({ status: "Enabled" });
                    const [sse] = part(plan, b, "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")!.inputs
                        .rules as any[];
                    if (isLogBucket(b)) {
                        // Server access logs and ELB logs can only be delivered to SSE-S3 buckets; no PHI lands here.
                        expect(sse.applyServerSideEncryptionByDefault, b.name).to.deep.equal({ sseAlgorithm: "AES256" });
                        expect(tagsOf(b).DataClassification).to.not.equal("phi");
                    } else {
                        expect(sse.applyServerSideEncryptionByDefault.sseAlgorithm, b.name).to.equal("aws:kms");
                        expect(sse.applyServerSideEncryptionByDefault.kmsMasterKeyId, b.name).to.match(/^arn:aws:kms:/);
                        expect(sse.bucketKeyEnabled, b.name).to.equal(true);
                    }
                    expect(part(plan, b, "bucketPublicAccessBlock:BucketPublicAccessBlock")!.inputs, b.name).to.include({
                        blockPublicAcls: true,
                        blockPublicPolicy: true,
                        ignorePublicAcls: true,
                        restrictPublicBuckets: true,
                    });
                    expect(part(plan, b, "bucketOwnershipControls:BucketOwnershipControls")!.inputs.rule).to.deep.equal({
                        objectOwnership: "BucketOwnerEnforced",
                    });
                }
            });

            it("encrypts the backup buckets with a backups key of their own region", async () => {
                const plan = await planOf(stack);
                for (const b of storageBuckets(plan).filter((b) => b.inputs.objectLockEnabled === true)) {
                    const sseResource = part(plan, b, "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")!;
                    const key = sseResource.dependencies.map((d) => byUrn(plan, d)).find((r) => r?.type === "aws:kms/key:Key")!;
                    expect(tagsOf(key).KeyClass).to.equal("backups");
                    expect(regionOf(plan, key, REGION)).to.equal(regionOf(plan, b, REGION));
                }
            });

            it("denies every request made without TLS, on the bucket and its objects", async () => {
                const plan = await planOf(stack);
                for (const b of buckets(plan)) {
                    const arn = `arn:aws:s3:::${b.inputs.bucket}`;
                    const deny = policyOf(plan, b).Statement.find((s: any) => s.Effect === "Deny");
                    expect(deny, b.name).to.deep.include({ Principal: "*", Action: "s3:*" });
                    expect(deny.Resource).to.have.members([arn, `${arn}/*`]);
                    expect(deny.Condition).to.deep.equal({ Bool: { "aws:SecureTransport": "false" } });
                }
            });

            it("logs access to every data bucket into the access-log bucket of its region", async () => {
                const plan = await planOf(stack);
                const logBuckets = buckets(plan).filter(isLogBucket);
                for (const b of buckets(plan).filter((b) => !isLogBucket(b))) {
                    const logging = part(plan, b, "bucketLogging:BucketLogging");
                    expect(logging, `${b.name} has no access logging`).to.not.equal(undefined);
                    const target = logBuckets.find((l) => l.inputs.bucket === logging!.inputs.targetBucket)!;
                    expect(target, b.name).to.not.equal(undefined);
                    expect(regionOf(plan, target, REGION)).to.equal(regionOf(plan, b, REGION));
                    const delivery = policyOf(plan, target).Statement.find((s: any) => s.Principal?.Service === "logging.s3.amazonaws.com");
                    expect(delivery.Resource).to.equal(
                        `arn:aws:s3:::${target.inputs.bucket}/${(logging!.inputs.targetPrefix as string).split("/")[0]}/*`,
                    );
                }
            });

            it("admits the us-east-1 load balancers' log delivery to the access-log bucket, under alb/ only", async () => {
                const plan = await planOf(stack);
                const logs = buckets(plan).find((b) => isLogBucket(b) && regionOf(plan, b, REGION) === REGION)!;
                const elb = policyOf(plan, logs).Statement.filter((s: any) => s.Principal?.AWS === ELB_US_EAST_1);
                expect(elb).to.deep.equal([
                    {
                        Sid: "ElbAccessLogDelivery",
                        Effect: "Allow",
                        Principal: { AWS: ELB_US_EAST_1 },
                        Action: "s3:PutObject",
                        Resource: `arn:aws:s3:::${logs.inputs.bucket}/alb/AWSLogs/${plan.deployment!.accountId}/*`,
                    },
                ]);
            });

            it(`locks backups in ${backupLock[stack].mode} mode for ${backupLock[stack].days} days`, async () => {
                const plan = await planOf(stack);
                for (const b of storageBuckets(plan).filter((b) => b.inputs.objectLockEnabled === true)) {
                    const lock = part(plan, b, "bucketObjectLockConfiguration:BucketObjectLockConfiguration")!.inputs;
                    expect(lock.objectLockEnabled).to.equal("Enabled");
                    expect((lock.rule as any).defaultRetention).to.deep.equal(backupLock[stack]);
                }
                expect(storageBuckets(plan).filter((b) => b.inputs.objectLockEnabled === true)).to.have.length(stack === "prod" ? 2 : 1);
            });

            it("moves backups to colder classes, expires noncurrent versions after the retention, aborts stale uploads", async () => {
                const plan = await planOf(stack);
                const days = backupLock[stack].days;
                const rules = lifecycleRules(plan, backupBucket(plan, REGION)!);
                const tiering = rules.find((r) => r.noncurrentVersionExpiration);
                expect(tiering.status).to.equal("Enabled");
                expect(tiering.noncurrentVersionExpiration.noncurrentDays).to.equal(days);
                expect(tiering.expiration.days).to.equal(days);
                for (const t of [...(tiering.transitions ?? []), ...(tiering.noncurrentVersionTransitions ?? [])]) {
                    expect((t.days ?? t.noncurrentDays) + minimumStorageDays[t.storageClass]).to.be.at.most(days);
                }
                const classes = (tiering.transitions ?? []).map((t: any) => t.storageClass);
                expect(classes).to.deep.equal(
                    stack === "prod" ? ["STANDARD_IA", "GLACIER", "DEEP_ARCHIVE"] : stack === "dev" ? [] : ["STANDARD_IA"],
                );
                const abort = rules.find((r) => r.abortIncompleteMultipartUpload);
                expect(abort.abortIncompleteMultipartUpload.daysAfterInitiation).to.be.within(1, 7);
            });

            it("never expires current versions of live documents and images", async () => {
                const plan = await planOf(stack);
                for (const b of buckets(plan).filter((b) => /-(documents|images)-/.test(b.inputs.bucket as string))) {
                    const rules = lifecycleRules(plan, b);
                    expect(
                        rules.some((r) => r.expiration?.days !== undefined),
                        b.name,
                    ).to.equal(false);
                    expect(
                        rules.some((r) => r.abortIncompleteMultipartUpload),
                        b.name,
                    ).to.equal(true);
                }
            });

            it(stack === "prod" ? "replicates backups to the configured DR region within 15 minutes" : "does not replicate", async () => {
                const plan = await planOf(stack);
                const replication = ofType(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
                if (stack !== "prod") {
                    expect(replication).to.have.length(0);
                    return;
                }
                expect(replication).to.have.length(1);
                const source = backupBucket(plan, REGION)!;
                const replica = backupBucket(plan, DR_REGION)!;
                expect(replication[0].inputs.bucket).to.equal(source.inputs.bucket);
                const [rule] = replication[0].inputs.rules as any[];
                expect(rule.status).to.equal("Enabled");
                expect(rule.destination.bucket).to.equal(`arn:aws:s3:::${replica.inputs.bucket}`);
                expect(rule.destination.encryptionConfiguration.replicaKmsKeyId).to.match(new RegExp(`^arn:aws:kms:${DR_REGION}:`));
                expect(rule.destination.replicationTime).to.deep.equal({ status: "Enabled", time: { minutes: 15 } });
                expect(rule.destination.metrics.status).to.equal("Enabled");
                expect(rule.sourceSelectionCriteria.sseKmsEncryptedObjects.status).to.equal("Enabled");
                expect(rule.deleteMarkerReplication.status).to.equal("Disabled");
            });
        });
    }

    it("replicates a non-prod stack's backups when it opts in to a DR region", async () => {
        const plan = await planOf("staging", { "careplane:backup": { drRegion: "us-east-2" } });
        const [replication] = ofType(plan, "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
        const replica = buckets(plan).find(
            (b) => b.inputs.bucket === (replication.inputs.rules as any[])[0].destination.bucket.split(":::")[1],
        )!;
        expect(regionOf(plan, replica, REGION)).to.equal("us-east-2");
    });

    describe("careplane:backup config", () => {
        it("requires a DR region in prod", () => {
            expect(configError("prod", { "careplane:backup": { retentionDays: 2557 } })).to.equal(
                "Pulumi.prod.yaml: careplane:backup.drRegion = (missing) is not allowed: prod replicates backups to a disaster-recovery region; set drRegion to a region other than aws:region (us-east-1), such as us-west-2",
            );
        });

        it("rejects a DR region equal to the stack's own region", () => {
            expect(configError("staging", { "careplane:backup": { drRegion: "us-east-1" } })).to.equal(
                'Pulumi.staging.yaml: careplane:backup.drRegion = "us-east-1" is not allowed: expected a region other than aws:region (us-east-1), such as us-west-2',
            );
        });

        it("rejects GOVERNANCE-mode locks in prod", () => {
            expect(configError("prod", { "careplane:backup": { drRegion: DR_REGION, objectLockMode: "GOVERNANCE" } })).to.equal(
                'Pulumi.prod.yaml: careplane:backup.objectLockMode = "GOVERNANCE" is not allowed: prod locks backups in COMPLIANCE mode; only "COMPLIANCE" is allowed',
            );
        });

        it("rejects turning off prod's weekly restore tests", () => {
            expect(configError("prod", { "careplane:backup": { drRegion: DR_REGION, restoreTesting: false } })).to.equal(
                "Pulumi.prod.yaml: careplane:backup.restoreTesting = false is not allowed: prod verifies backups by weekly restore tests; only true is allowed",
            );
        });

        it("lets a non-prod stack lock in COMPLIANCE mode, which also locks its vault", async () => {
            const plan = await planOf("test", { "careplane:backup": { objectLockMode: "COMPLIANCE" } });
            const lock = ofType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")[0].inputs.rule as any;
            expect(lock.defaultRetention.mode).to.equal("COMPLIANCE");
            expect(ofType(plan, "aws:backup/vaultLockConfiguration:VaultLockConfiguration")).to.have.length(1);
        });
    });
});
