import { expect } from "chai";
import { SecureBucket, SecureBucketArgs } from "../../../components/storage/secure-bucket";
import { buildAlone, documentOf, keyArn } from "../../support/alone";

function bucket(changes: Partial<SecureBucketArgs>, stack = "dev") {
    return buildAlone((context) => {
        new SecureBucket("records", {
            context,
            bucketName: "caresync-records-example",
            classification: "phi",
            encryption: { kmsKeyArn: keyArn("data") },
            lifecycleRules: [],
            ...changes,
        });
    }, stack);
}

const encryption = (built: Awaited<ReturnType<typeof bucket>>) =>
    (built.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").inputs.rules as any[])[0];

describe("SecureBucket, built alone", () => {
    it("encrypts with the key it is given, or with SSE-S3 when asked", async () => {
        const kms = encryption(await bucket({ encryption: { kmsKeyArn: keyArn("backups") } }));
        expect(kms.applyServerSideEncryptionByDefault).to.deep.equal({ sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn("backups") });
        expect(kms.bucketKeyEnabled).to.equal(true);
        const s3 = encryption(await bucket({ encryption: "sse-s3" }));
        expect(s3.applyServerSideEncryptionByDefault.sseAlgorithm).to.equal("AES256");
    });

    it("locks new versions for the mode and days it is given, and logs access where it is told", async () => {
        const built = await bucket({
            objectLock: { mode: "GOVERNANCE", days: 10 },
            accessLogs: { bucket: "caresync-logs", prefix: "s3/records/" },
        });
        expect(built.one("aws:s3/bucket:Bucket").inputs.objectLockEnabled).to.equal(true);
        const lock = built.one("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").inputs.rule as any;
        expect(lock.defaultRetention).to.deep.equal({ mode: "GOVERNANCE", days: 10 });
        expect(built.one("aws:s3/bucketLogging:BucketLogging").inputs).to.include({
            targetBucket: "caresync-logs",
            targetPrefix: "s3/records/",
        });
        const unlocked = await bucket({});
        expect(unlocked.ofType("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).to.have.length(0);
        expect(unlocked.ofType("aws:s3/bucketLogging:BucketLogging")).to.have.length(0);
    });

    it("always versions, blocks public access, disables ACLs, refuses plain HTTP and carries the classification it is given", async () => {
        const built = await bucket({ classification: "confidential" });
        expect((built.one("aws:s3/bucketVersioning:BucketVersioning").inputs.versioningConfiguration as any).status).to.equal("Enabled");
        expect(built.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect((built.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls").inputs.rule as any).objectOwnership).to.equal(
            "BucketOwnerEnforced",
        );
        const statements = documentOf(built.one("aws:s3/bucketPolicy:BucketPolicy")).Statement as any[];
        expect(statements.some((s) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false")).to.equal(true);
        expect(built.one("aws:s3/bucket:Bucket").inputs.tags).to.include({ DataClassification: "confidential", Environment: "dev" });
    });

    it("is protected in prod, and emptied on destroy in dev", async () => {
        expect((await bucket({}, "prod")).one("aws:s3/bucket:Bucket").protect).to.equal(true);
        const dev = (await bucket({}, "dev")).one("aws:s3/bucket:Bucket");
        expect(dev.protect).to.equal(false);
        expect(dev.inputs.forceDestroy).to.equal(true);
    });
});
