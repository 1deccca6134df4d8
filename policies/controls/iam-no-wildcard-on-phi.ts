import { isOneOf } from "../lib/resource-types";
import { Finding, isType, resourceControl } from "../lib/control";
import { list, statementLabel, statementsOf } from "../lib/policy-document";

/** Services that store PHI or guard it (its keys, its credentials, its backups). */
const phiServices = ["s3", "kms", "secretsmanager", "rds", "rds-db", "rds-data", "dynamodb", "backup", "elasticache", "glacier", "ebs"];

/** AWS managed policies that grant every action of a PHI service (or of all services). */
const fullAccessManagedPolicies = [
    "AdministratorAccess",
    "PowerUserAccess",
    "AmazonS3FullAccess",
    "AmazonRDSFullAccess",
    "AmazonRDSDataFullAccess",
    "AmazonDynamoDBFullAccess",
    "AmazonElastiCacheFullAccess",
    "SecretsManagerReadWrite",
    "AWSKeyManagementServicePowerUser",
    "AWSBackupFullAccess",
];

/** Identity policies: a `Resource: "*"` there means every store of the account. */
const identityPolicyTypes = [
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/policy:Policy",
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/groupPolicy:GroupPolicy",
] as const;
/** Resource policies: `Resource: "*"` there means the one resource the policy is attached to. */
const resourcePolicyTypes = [
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:kms/key:Key",
    "aws:kms/keyPolicy:KeyPolicy",
    "aws:secretsmanager/secretPolicy:SecretPolicy",
    "aws:backup/vaultPolicy:VaultPolicy",
] as const;
const attachmentTypes = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
] as const;

const serviceOf = (action: string) => action.split(":")[0].toLowerCase();
const isPhiAction = (action: string) => action === "*" || phiServices.includes(serviceOf(action));

/** `*`, `s3:*`, `kms:*`, ... : every action of a PHI service. */
const isWildcardAction = (action: string) => action === "*" || (isPhiAction(action) && action.split(":")[1] === "*");

/**
 * `*`, `arn:aws:kms:us-east-1:123456789012:key/*`, `...:secret:*`: every store of a kind; and any
 * wildcard in an S3 bucket name (`arn:aws:s3:::*`, every bucket's objects, `arn:aws:s3:::caresync-*`):
 * bucket ARNs name no account, so a pattern also matches buckets of other accounts.
 */
function isWildcardResource(resource: string): boolean {
    if (resource === "*") return true;
    const arn = /^arn:[^:]*:([^:]*):[^:]*:[^:]*:(.*)$/.exec(resource);
    if (!arn) return false;
    const [, service, rest] = arn;
    if (service === "s3") return /[*?]/.test(rest.split("/")[0]);
    return rest === "*" || /^[A-Za-z-]+[:/]\*$/.test(rest);
}

/**
 * Restoring or copying a recovery point: AWS Backup offers no narrower resource (recovery points
 * are created by the plan, their ARNs unknown in advance) and no condition key for these actions;
 * the vault access policy decides who may (careplane-backup-vault-restore-break-glass requires it to leave them
 * to break-glass and AWS Backup's own role). On the account's recovery points they are allowed.
 */
const recoveryPointActions = ["backup:startrestorejob", "backup:startcopyjob", "backup:getrecoverypointrestoremetadata"];
const isRecoveryPointWildcard = (resource: string) => /^arn:[^:]+:backup:[^:]+:\d{12}:recovery-point:\*$/.test(resource);

/** Listing and describing name stores; they do not read or change what is in them. */
const isDiscovery = (action: string) => /^(List|Describe)/.test(action.split(":")[1] ?? "");

function checkDocument(policy: unknown, identity: boolean): Finding[] {
    const found: Finding[] = [];
    statementsOf(policy).forEach((s, i) => {
        if (s.Effect !== "Allow") return;
        const actions = list(s.Action);
        const wildcards = actions.filter(isWildcardAction);
        if (wildcards.length > 0 || s.NotAction !== undefined) {
            found.push({
                problem: `${statementLabel(s, i)} allows ${s.NotAction !== undefined ? "every action but those in NotAction" : wildcards.join(", ")}`,
                expected: "the named actions the role needs (such as s3:GetObject), never a service wildcard on a PHI store",
            });
        }
        if (!identity) return;
        const broad = [...list(s.Resource).filter(isWildcardResource), ...(s.NotResource !== undefined ? ["NotResource"] : [])];
        const onRecoveryPoints = broad.length > 0 && broad.every(isRecoveryPointWildcard);
        const dataActions = actions.filter(
            (a) => isPhiAction(a) && !isDiscovery(a) && !(onRecoveryPoints && recoveryPointActions.includes(a.toLowerCase())),
        );
        if (broad.length > 0 && dataActions.length > 0) {
            found.push({
                problem: `${statementLabel(s, i)} allows ${dataActions.join(", ")} on ${broad.join(", ")}`,
                expected: "the ARNs of the stores the role uses, never every store of the account",
            });
        }
    });
    return found;
}

function managedPolicyName(arn: unknown): string | undefined {
    const match = typeof arn === "string" ? /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn) : null;
    return match?.[1];
}

function checkManaged(arns: unknown[]): Finding[] {
    return arns
        .map(managedPolicyName)
        .filter((n): n is string => n !== undefined && fullAccessManagedPolicies.includes(n))
        .map((n) => ({
            problem: `attaches the AWS managed policy ${n}`,
            expected: "a customer-managed policy naming the actions and stores the role needs",
        }));
}

export const iamNoWildcardOnPhi = resourceControl({
    name: "careplane-iam-no-wildcard-on-phi",
    description:
        'IAM and resource policies name the actions and PHI stores they grant: no `*` or `service:*` action on a PHI service, no `Resource: "*"` for its data actions, no full-access managed policy.',
    hipaa: ["164.308(a)(3)(ii)(A)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess", "HIPAA.Security-IAMPolicyNoStatementsWithFullAccess"],
    types: ["aws:iam/role:Role", ...identityPolicyTypes, ...resourcePolicyTypes, ...attachmentTypes],
    check: (props, subject) => {
        if (isType(subject, "aws:iam/role:Role", props)) {
            const inline = (props.inlinePolicies ?? []) as Array<{ policy?: unknown }>;
            return [...inline.flatMap((p) => checkDocument(p.policy, true)), ...checkManaged(props.managedPolicyArns ?? [])];
        }
        if (isType(subject, attachmentTypes, props)) return checkManaged([props.policyArn]);
        return checkDocument(props.policy, isOneOf(identityPolicyTypes, subject.type));
    },
});
