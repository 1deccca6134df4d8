// The resource types careplane creates that hold data or guard it, and for each the inputs whose
// change makes the provider replace the resource (delete and recreate it: its data is gone).
// The replace-on-change inputs are those the AWS and random providers mark as forcing a new
// resource; a few apply only under a condition, and a few have a provider default that an absent
// input means, so adding the default value is not a change.

export type StatefulKind = "database" | "cache" | "bucket" | "file system" | "vault" | "key" | "secret" | "log group";

type Inputs = Record<string, unknown>;

interface ReplacingInput {
    /** Replacement only happens when this holds for the head's inputs. */
    when?: (head: Inputs) => boolean;
    /** What an absent input means to the provider. */
    default?: unknown;
}

interface StatefulType {
    kind: StatefulKind;
    replaceOn: Record<string, ReplacingInput>;
}

/** ElastiCache changes transit encryption in place from engine 7.0.5 on; before it, only by replacement. */
const beforeRedis705 = (head: Inputs) => {
    const [major = 0, minor = 0, patch = 0] = String(head.engineVersion ?? "0")
        .split(".")
        .map((n) => Number.parseInt(n, 10) || 0);
    return major * 10000 + minor * 100 + patch < 70005;
};

const always = (...names: string[]): Record<string, ReplacingInput> => Object.fromEntries(names.map((n) => [n, {}]));

export const statefulTypes: Record<string, StatefulType> = {
    "aws:rds/instance:Instance": {
        kind: "database",
        replaceOn: {
            ...always(
                "identifier",
                "identifierPrefix",
                "engine",
                "kmsKeyId",
                "dbName",
                "username",
                "availabilityZone",
                "characterSetName",
                "ncharCharacterSetName",
                "timezone",
                "snapshotIdentifier",
                "restoreToPointInTime",
                "s3Import",
                "customIamInstanceProfile",
            ),
            storageEncrypted: { default: false },
        },
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        kind: "cache",
        replaceOn: {
            ...always("replicationGroupId", "kmsKeyId", "subnetGroupName", "port", "snapshotArns", "snapshotName", "networkType"),
            atRestEncryptionEnabled: {},
            transitEncryptionEnabled: { when: beforeRedis705 },
            dataTieringEnabled: { default: false },
        },
    },
    "aws:s3/bucket:Bucket": {
        kind: "bucket",
        replaceOn: { ...always("bucket", "bucketPrefix"), objectLockEnabled: { default: false } },
    },
    "aws:efs/fileSystem:FileSystem": {
        kind: "file system",
        replaceOn: {
            ...always("kmsKeyId", "creationToken", "availabilityZoneName"),
            encrypted: { default: false },
            performanceMode: { default: "generalPurpose" },
        },
    },
    "aws:backup/vault:Vault": { kind: "vault", replaceOn: always("name", "kmsKeyArn") },
    "aws:kms/key:Key": {
        kind: "key",
        replaceOn: {
            ...always("customKeyStoreId", "xksKeyId"),
            customerMasterKeySpec: { default: "SYMMETRIC_DEFAULT" },
            keyUsage: { default: "ENCRYPT_DECRYPT" },
            multiRegion: { default: false },
        },
    },
    "aws:secretsmanager/secret:Secret": { kind: "secret", replaceOn: always("name", "namePrefix") },
    // A replaced generator is a new secret value: every consumer of the old one stops working.
    "random:index/randomPassword:RandomPassword": {
        kind: "secret",
        replaceOn: always(
            "length",
            "keepers",
            "special",
            "upper",
            "lower",
            "numeric",
            "minLower",
            "minUpper",
            "minNumeric",
            "minSpecial",
            "overrideSpecial",
        ),
    },
    // Audit and access logs are records HIPAA requires kept; a replaced group starts empty.
    "aws:cloudwatch/logGroup:LogGroup": {
        kind: "log group",
        replaceOn: { ...always("name", "namePrefix"), logGroupClass: { default: "STANDARD" } },
    },
};

export function statefulKind(type: string): StatefulKind | undefined {
    return statefulTypes[type]?.kind;
}

/** The changed inputs (top-level names) of a stateful resource that make the provider replace it. */
export function replacingInputs(type: string, changed: string[], base: Inputs, head: Inputs): string[] {
    const spec = statefulTypes[type];
    if (!spec) return [];
    return changed.filter((name) => {
        const rule = spec.replaceOn[name];
        if (!rule) return false;
        if (rule.when && !rule.when(head)) return false;
        if ("default" in rule) return !sameValue(base[name] ?? rule.default, head[name] ?? rule.default);
        return true;
    });
}

function sameValue(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}
