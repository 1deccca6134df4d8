import { expect } from "chai";
import { Storage } from "../../../components/storage/storage";
import { ACCOUNT, buildAlone, documentOf, drRegionAlone, keyArn, PARTITION } from "../../support/alone";

const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const APP_ROLE = role("caresync-api");
const LOG_READER = role("caresync-auditor");

interface Options {
    stack?: string;
    retentionDays?: number;
    objectLockMode?: "COMPLIANCE" | "GOVERNANCE";
    drRegion?: string;
}

function storage({ stack = "dev", retentionDays = 45, objectLockMode = "GOVERNANCE", drRegion }: Options) {
    return buildAlone((context) => {
        const dr = drRegion ? drRegionAlone(context, drRegion) : undefined;
        const s = new Storage("storage", {
            context,
            dataKeyArn: keyArn("data"),
            backupsKeyArn: keyArn("backups"),
            accountId: ACCOUNT,
            partition: PARTITION,
            dr,
            logReaderArns: [LOG_READER],
            backup: { retentionDays, objectLockMode },
        });
        // The PHI buckets' policies wait for the roles that use them, as in the platform.
        s.admit({ applicationRoleArns: [APP_ROLE], backupRoleArn: role("backup"), uploadScannerRoleArn: role("scanner") });
    }, stack);
}

type Built = Awaited<ReturnType<typeof storage>>;
const named = (built: Built, type: string, name: string) => built.ofType(type).find((r) => r.name === name)!;
const encryptionOf = (built: Built, name: string) =>
    (named(built, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", name).inputs.rules as any[])[0]
        .applyServerSideEncryptionByDefault;

describe("Storage, built alone", () => {
    it("locks the backup bucket and expires old versions for the retention and mode of its backup slice", async () => {
        for (const [retentionDays, objectLockMode] of [
            [45, "GOVERNANCE"],
            [400, "COMPLIANCE"],
        ] as const) {
            const built = await storage({ retentionDays, objectLockMode });
            const lock = named(built, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "storage-backups").inputs
                .rule as any;
            expect(lock.defaultRetention).to.deep.equal({ mode: objectLockMode, days: retentionDays });
            const [documents] = named(built, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "storage-documents").inputs
                .rules as any[];
            expect(documents.noncurrentVersionExpiration.noncurrentDays).to.equal(retentionDays);
        }
    });

    it("encrypts the PHI buckets with the data key and the backups with the backups key it is given", async () => {
        const built = await storage({});
        for (const bucket of ["storage-documents", "storage-images"])
            expect(encryptionOf(built, bucket).kmsMasterKeyId).to.equal(keyArn("data"));
        expect(encryptionOf(built, "storage-backups").kmsMasterKeyId).to.equal(keyArn("backups"));
    });

    it("admits the application roles it is told of to the PHI buckets, and only the log readers it is given to the access logs", async () => {
        const built = await storage({});
        const policy = (name: string) => JSON.stringify(documentOf(named(built, "aws:s3/bucketPolicy:BucketPolicy", name)));
        expect(policy("storage-documents")).to.include(APP_ROLE);
        expect(policy("storage-backups")).to.not.include(APP_ROLE);
        expect(policy("storage-access-logs")).to.include(LOG_READER);
    });

    it("replicates the backup bucket into the DR region it is given, and nowhere without one", async () => {
        const withDr = await storage({ drRegion: "us-west-2" });
        const replication = withDr.one("aws:s3/bucketReplicationConfig:BucketReplicationConfig").inputs.rules as any[];
        expect(replication[0].destination.encryptionConfiguration.replicaKmsKeyId).to.include(":us-west-2:");
        expect(named(withDr, "aws:s3/bucket:Bucket", "storage-backups-dr").provider).to.equal(withDr.one("pulumi:providers:aws").urn);
        expect((await storage({})).ofType("aws:s3/bucketReplicationConfig:BucketReplicationConfig")).to.have.length(0);
    });

    it("protects every bucket in prod", async () => {
        const built = await storage({ stack: "prod", retentionDays: 2557, objectLockMode: "COMPLIANCE" });
        const buckets = built.ofType("aws:s3/bucket:Bucket");
        expect(buckets).to.have.length(4);
        for (const bucket of buckets) expect(bucket.protect, bucket.name).to.equal(true);
    });
});
