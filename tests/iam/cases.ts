// The access model as a table: who (principal and the identity policies the plan gives it), does
// what, on what (resource and the resource policy the plan gives it), in which context → the
// decision AWS's evaluation logic must reach.
import * as fs from "fs";
import * as path from "path";
import { mockDbiResourceId } from "../../tools/engine/mocks";
import { parseStackConfig } from "../../components/config/stack-config";
import { CiRoleDocument, ciRoleDocuments } from "../../components/security/ci-roles";
import { readStackFile } from "../../tools/engine/stack-files";
import { ACCOUNT, OTHER_ACCOUNT, PolicyDocument, StackPolicies } from "./policies";
import { ANONYMOUS, Decision } from "./simulate";

export const STACKS = ["dev", "test", "staging", "prod"] as const;
export type Stack = (typeof STACKS)[number];
export const REGION = "us-east-1";

export interface Principal {
    principal: string;
    identityPolicies: Array<{ name: string; policy: PolicyDocument }>;
}
export interface Target {
    arn: string;
    policy?: PolicyDocument;
    account?: string;
    /** The VPC endpoint the request goes through, by its policy. */
    endpointPolicy?: PolicyDocument;
}
export type Expectation = "allow" | "deny" | "explicit deny";

export interface Case {
    says: string;
    who: (s: StackPolicies) => Principal;
    action: string;
    on: (s: StackPolicies) => Target;
    context?: (s: StackPolicies) => Record<string, string | string[]>;
    expect: Expectation;
    /** All four unless the rule depends on the environment. */
    stacks?: readonly Stack[];
}

export function meets(decision: Decision, expected: Expectation): boolean {
    if (expected === "allow") return decision === "Allowed";
    if (expected === "explicit deny") return decision === "ExplicitlyDenied";
    return decision !== "Allowed";
}

export const allowAll = (name: string) => ({
    name,
    policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
});

// ---- principals ---------------------------------------------------------------------------------
export const role =
    (name: string) =>
    (s: StackPolicies): Principal => {
        const r = s.roles.get(name);
        if (!r) throw new Error(`the ${s.environment} plan has no role ${name}`);
        return { principal: r.arn, identityPolicies: r.policies };
    };
/** An administrator of the program's account: every action, so only resource policies can stop it. */
export const admin = (): Principal => ({
    principal: `arn:aws:iam::${ACCOUNT}:role/administrator`,
    identityPolicies: [allowAll("AdministratorAccess")],
});
/** A role in another account, allowed everything by its own account. */
export const outsider = (): Principal => ({
    principal: `arn:aws:iam::${OTHER_ACCOUNT}:role/intruder`,
    identityPolicies: [allowAll("AdministratorAccess")],
});
/** A person of the account allowed to assume roles. */
const analyst = (): Principal => ({
    principal: `arn:aws:iam::${ACCOUNT}:user/analyst`,
    identityPolicies: [
        { name: "assume", policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] } },
    ],
});
export const service = (name: string) => (): Principal => ({ principal: name, identityPolicies: [] });

// ---- resources ----------------------------------------------------------------------------------
/** Another environment than the stack's. */
export const otherEnv = (s: StackPolicies) => (s.environment === "prod" ? "staging" : "prod");
/** A Secrets Manager entry `caresync/<env>/<name>` with the six characters AWS appends. */
export const secret =
    (name: string, env?: (s: StackPolicies) => string) =>
    (s: StackPolicies): Target => ({
        arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:caresync/${env ? env(s) : s.environment}/${name}-AbC123`,
        // This stack's entry carries its resource policy; another environment's is another stack's.
        policy: env ? undefined : s.secretPolicies.get(`secrets-${name}`)?.policy,
    });
export const key =
    (keyClass: string) =>
    (s: StackPolicies): Target => {
        const k = s.keyPolicies.get(`keys-${keyClass}`);
        if (!k) throw new Error(`the ${s.environment} plan has no ${keyClass} key`);
        return { arn: k.target, policy: k.policy };
    };
export const trustOf =
    (name: string) =>
    (s: StackPolicies): Target => {
        const r = s.roles.get(name);
        if (!r) throw new Error(`the ${s.environment} plan has no role ${name}`);
        return { arn: r.arn, policy: r.trust };
    };
/** A secret by its resource name in the plan, with the ARN the mock engine gave it (as policies built from its output read it). */
export const secretResource =
    (name: string) =>
    (s: StackPolicies): Target => {
        if (!s.secretArns.has(name)) throw new Error(`the ${s.environment} plan has no secret ${name}`);
        return { arn: s.secretArns.get(name)!, policy: s.secretPolicies.get(name)?.policy };
    };
/** The alarm topic of one route (`p1-devops`: what pages DevOps' on-call). */
const topic =
    (route: string) =>
    (s: StackPolicies): Target => {
        const p = s.topicPolicies.get(`alarms-${route}`);
        if (!p) throw new Error(`the ${s.environment} plan has no topic policy for the route ${route}`);
        return { arn: p.target, policy: p.policy };
    };
export const bucketObject =
    (bucket: string, object = "rds/2026-11-27.dump") =>
    (s: StackPolicies): Target => {
        const b = s.bucketPolicies.get(bucket);
        if (!b) throw new Error(`the ${s.environment} plan has no policy on bucket ${bucket}`);
        return { arn: `${b.target}/${object}`, policy: b.policy };
    };
export const recoveryPoint =
    (vault = "backup") =>
    (s: StackPolicies): Target => {
        const v = s.vaultPolicies.get(vault);
        if (!v) throw new Error(`the ${s.environment} plan has no access policy on vault ${vault}`);
        return { arn: `arn:aws:backup:${REGION}:${ACCOUNT}:recovery-point:0a1b2c3d-4e5f-6789-abcd-ef0123456789`, policy: v.policy };
    };
/** A role of the plan holding, besides its own policies, every permission (what a later mistake could give it). */
export const roleWithEverything =
    (name: string) =>
    (s: StackPolicies): Principal => ({ ...role(name)(s), identityPolicies: [...role(name)(s).identityPolicies, allowAll("mistake")] });
/** The backup role with the recovery-point deletion AWS's managed backup policy stands for. */
const backupRoleDeleting = (s: StackPolicies): Principal => ({
    ...role("backup")(s),
    identityPolicies: [
        {
            name: "AWSBackupServiceRolePolicyForBackup (the statement that matters)",
            policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "backup:DeleteRecoveryPoint", Resource: "*" }] },
        },
    ],
});
export const tls = (secure: boolean) => () => ({ "aws:SecureTransport": String(secure) });
const database = (s: StackPolicies): Target => ({ arn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:caresync-${s.environment}-postgres` });
/** A PostgreSQL login on an instance (by its resource name), as IAM database authentication names it. */
const dbUser = (instance: string, login: string) => (): Target => ({
    arn: `arn:aws:rds-db:${REGION}:${ACCOUNT}:dbuser:${mockDbiResourceId(instance)}/${login}`,
});

// ---- contexts -----------------------------------------------------------------------------------
export const via =
    (svc: string, account = ACCOUNT) =>
    () => ({ "kms:ViaService": `${svc}.${REGION}.amazonaws.com`, "kms:CallerAccount": account });
const direct = () => ({ "kms:CallerAccount": ACCOUNT });
const mfa = (present: boolean) => () => ({ "aws:MultiFactorAuthPresent": String(present) });
const sourceAccount = (account: string) => () => ({ "aws:SourceAccount": account });
/** A CloudWatch alarm of an account publishing over TLS. */
const alarmOf = (account: string) => () => ({
    "aws:SourceAccount": account,
    "aws:SourceArn": `arn:aws:cloudwatch:${REGION}:${account}:alarm:database-cpu`,
    "aws:SecureTransport": "true",
});

const READ = "secretsmanager:GetSecretValue";

// ---- attackers (issue 22): who reaches PHI when something leaks ------------------------------------
/**
 * AWS's ReadOnlyAccess managed policy, as AWS publishes it (tests/fixtures/aws-managed: its
 * source and version). It grants s3:Get*, logs:Get*, rds:Download*, but no kms:Decrypt and no
 * secretsmanager:GetSecretValue.
 */
const readOnlyAccess = {
    name: "ReadOnlyAccess",
    policy: JSON.parse(fs.readFileSync(path.resolve(__dirname, "../fixtures/aws-managed/ReadOnlyAccess.json"), "utf8"))
        .document as PolicyDocument,
};
/** AWS managed policies the CI roles attach by name, as the table has them; any other makes the case fail loudly. */
function managedDocument(name: string) {
    if (name === "ReadOnlyAccess") return readOnlyAccess;
    throw new Error(`a CI role attaches ${name}, whose document the access table does not have`);
}
/**
 * A CI role of the stack as the bootstrap creates it in the stack's account, from the same
 * functions (components/security/ci-roles.ts, docs/ci-policies.md), placed in the table's account.
 */
const ciRole =
    (kind: CiRoleDocument["kind"]) =>
    (s: StackPolicies): Principal => {
        const file = readStackFile(path.resolve(__dirname, "../.."), s.environment);
        const config = parseStackConfig(file.config, file.file);
        const doc = ciRoleDocuments({ ...config, account: { ...config.account, id: ACCOUNT } }).find((d) => d.kind === kind)!;
        return {
            principal: `arn:aws:iam::${ACCOUNT}:role/${doc.name}`,
            identityPolicies: [
                ...doc.managed.map(managedDocument),
                ...Object.entries(doc.policies).map(([name, policy]) => ({ name, policy: policy as PolicyDocument })),
            ],
        };
    };
/** A compromised pod: the attacker holds its IRSA role's credentials. */
export const compromisedPod = (service: string) => role(`workloads-${service}`);
/** A leaked pull-request token: the session of the read-only preview role pull requests assume. */
export const leakedPrToken = ciRole("preview");
/**
 * A person of the account with ReadOnlyAccess from outside the plan (an Identity Center permission
 * set): only resource and key policies can stop them. (The plan's own people roles given
 * ReadOnlyAccess carry the plan's explicit denies: `withReadOnlyAccess` below.)
 */
export const readOnlyInsider = (): Principal => ({ principal: `arn:aws:iam::${ACCOUNT}:role/auditor`, identityPolicies: [readOnlyAccess] });
/** The drift-detection role CI uses (issue 18, item 13). */
export const driftRole = ciRole("drift");
/** The internet: an unsigned request, judged by resource policies alone. */
export const internet = (): Principal => ({ principal: ANONYMOUS, identityPolicies: [] });
const document = bucketObject("storage-documents", "patients/1.pdf");
const backupObject = bucketObject("storage-backups");

export const cases: Case[] = [
    // A service's role reads its own secrets, not another service's, nor another environment's.
    { says: "api reads its own database login", who: role("workloads-api"), action: READ, on: secret("api/database"), expect: "allow" },
    { says: "api reads its jwt secret", who: role("workloads-api"), action: READ, on: secret("jwt"), expect: "allow" },
    { says: "api reads its own Redis user", who: role("workloads-api"), action: READ, on: secret("api/redis"), expect: "allow" },
    {
        says: "api cannot read the worker's database login",
        who: role("workloads-api"),
        action: READ,
        on: secret("worker/database"),
        expect: "deny",
    },
    {
        says: "worker cannot read the api's Redis user",
        who: role("workloads-worker"),
        action: READ,
        on: secret("api/redis"),
        expect: "deny",
    },
    { says: "worker reads its smtp secret", who: role("workloads-worker"), action: READ, on: secret("smtp"), expect: "allow" },
    {
        says: "tenant-provisioning reads its own database login",
        who: role("workloads-tenant-provisioning"),
        action: READ,
        on: secret("tenant-provisioning/database"),
        expect: "allow",
    },
    { says: "api cannot read the worker's smtp secret", who: role("workloads-api"), action: READ, on: secret("smtp"), expect: "deny" },
    { says: "worker cannot read the api's jwt secret", who: role("workloads-worker"), action: READ, on: secret("jwt"), expect: "deny" },
    {
        says: "tenant-provisioning cannot read the jwt secret",
        who: role("workloads-tenant-provisioning"),
        action: READ,
        on: secret("jwt"),
        expect: "deny",
    },
    {
        says: "web reads no secret: not the api's database login",
        who: role("workloads-web"),
        action: READ,
        on: secret("api/database"),
        expect: "deny",
    },
    { says: "web reads no secret: not the jwt", who: role("workloads-web"), action: READ, on: secret("jwt"), expect: "deny" },
    {
        says: "api cannot read another environment's jwt",
        who: role("workloads-api"),
        action: READ,
        on: secret("jwt", otherEnv),
        expect: "deny",
    },
    {
        says: "worker cannot read another environment's smtp",
        who: role("workloads-worker"),
        action: READ,
        on: secret("smtp", otherEnv),
        expect: "deny",
    },
    {
        says: "api cannot read another environment's database login",
        who: role("workloads-api"),
        action: READ,
        on: secret("api/database", otherEnv),
        expect: "deny",
    },
    { says: "api cannot read a look-alike jwt-admin", who: role("workloads-api"), action: READ, on: secret("jwt-admin"), expect: "deny" },
    {
        says: "api cannot read the migration owner's login",
        who: role("workloads-api"),
        action: READ,
        on: secret("database-migration"),
        expect: "deny",
    },
    {
        says: "api cannot read the monitoring login",
        who: role("workloads-api"),
        action: READ,
        on: secret("database-monitoring"),
        expect: "deny",
    },
    {
        says: "api cannot log in to PostgreSQL as a person (IAM authentication)",
        who: role("workloads-api"),
        action: "rds-db:connect",
        on: dbUser("database", "dba"),
        expect: "deny",
    },
    {
        says: "api cannot read the RDS-managed master secret",
        who: role("workloads-api"),
        action: READ,
        on: () => ({ arn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:rds!db-0a1b2c3d-AbC123` }),
        expect: "deny",
    },
    {
        says: "api cannot overwrite its database login",
        who: role("workloads-api"),
        action: "secretsmanager:PutSecretValue",
        on: secret("api/database"),
        expect: "deny",
    },
    {
        says: "worker cannot delete its smtp secret",
        who: role("workloads-worker"),
        action: "secretsmanager:DeleteSecret",
        on: secret("smtp"),
        expect: "deny",
    },

    // Keys: each used only through its named services, by the roles that need it.
    {
        says: "api decrypts the secrets key through Secrets Manager",
        who: role("workloads-api"),
        action: "kms:Decrypt",
        on: key("secrets"),
        context: via("secretsmanager"),
        expect: "allow",
    },
    {
        says: "api cannot decrypt with the secrets key directly",
        who: role("workloads-api"),
        action: "kms:Decrypt",
        on: key("secrets"),
        context: direct,
        expect: "deny",
    },
    {
        says: "web cannot decrypt with the secrets key",
        who: role("workloads-web"),
        action: "kms:Decrypt",
        on: key("secrets"),
        context: via("secretsmanager"),
        expect: "deny",
    },
    {
        says: "web cannot decrypt with the data key through RDS",
        who: role("workloads-web"),
        action: "kms:Decrypt",
        on: key("data"),
        context: via("rds"),
        expect: "deny",
    },
    {
        says: "web cannot generate data keys with the data key through S3",
        who: role("workloads-web"),
        action: "kms:GenerateDataKey",
        on: key("data"),
        context: via("s3"),
        expect: "deny",
    },
    {
        says: "api cannot decrypt with the data key directly",
        who: role("workloads-api"),
        action: "kms:Decrypt",
        on: key("data"),
        context: direct,
        expect: "deny",
    },
    {
        says: "worker cannot decrypt with the data key through S3",
        who: role("workloads-worker"),
        action: "kms:Decrypt",
        on: key("data"),
        context: via("s3"),
        expect: "deny",
    },
    {
        says: "EKS nodes cannot decrypt with the data key",
        who: role("eks-nodes"),
        action: "kms:Decrypt",
        on: key("data"),
        context: via("ec2"),
        expect: "deny",
    },
    {
        says: "analytics cannot decrypt with the data key",
        who: role("analytics"),
        action: "kms:Decrypt",
        on: key("data"),
        context: via("rds"),
        expect: "deny",
    },
    {
        says: "the EKS control plane decrypts with the cluster key through EKS",
        who: role("eks-cluster"),
        action: "kms:Decrypt",
        on: key("cluster"),
        context: via("eks"),
        expect: "allow",
    },
    {
        says: "the EKS control plane cannot use the cluster key outside EKS",
        who: role("eks-cluster"),
        action: "kms:Decrypt",
        on: key("cluster"),
        context: direct,
        expect: "deny",
    },
    {
        says: "the EKS control plane cannot decrypt with the data key",
        who: role("eks-cluster"),
        action: "kms:Decrypt",
        on: key("data"),
        context: via("eks"),
        expect: "deny",
    },
    {
        says: "the load balancer controller cannot decrypt with the data key",
        who: role("eks-lb-controller"),
        action: "kms:Decrypt",
        on: key("data"),
        context: via("s3"),
        expect: "deny",
    },
    {
        says: "even an administrator cannot decrypt with the data key outside its services",
        who: admin,
        action: "kms:Decrypt",
        on: key("data"),
        context: direct,
        expect: "deny",
    },
    {
        says: "even an administrator cannot decrypt with the backups key outside its services",
        who: admin,
        action: "kms:Decrypt",
        on: key("backups"),
        context: direct,
        expect: "deny",
    },
    {
        says: "nobody schedules a prod data key for deletion",
        who: admin,
        action: "kms:ScheduleKeyDeletion",
        on: key("data"),
        expect: "deny",
        stacks: ["prod"],
    },
    {
        says: "nobody schedules a prod backups key for deletion",
        who: admin,
        action: "kms:ScheduleKeyDeletion",
        on: key("backups"),
        expect: "deny",
        stacks: ["prod"],
    },
    {
        says: "not even an administrator schedules a dev key for deletion (the deploy role and break-glass do)",
        who: admin,
        action: "kms:ScheduleKeyDeletion",
        on: key("data"),
        expect: "explicit deny",
        stacks: ["dev"],
    },
    {
        says: "another account cannot decrypt with the data key",
        who: outsider,
        action: "kms:Decrypt",
        on: key("data"),
        context: via("rds", OTHER_ACCOUNT),
        expect: "deny",
    },
    {
        says: "another account cannot decrypt with the backups key",
        who: outsider,
        action: "kms:Decrypt",
        on: key("backups"),
        context: via("backup", OTHER_ACCOUNT),
        expect: "deny",
    },
    {
        says: "another account cannot describe the secrets key",
        who: outsider,
        action: "kms:DescribeKey",
        on: key("secrets"),
        expect: "deny",
    },

    // The analytics role reads, as the analyst (IAM database authentication); it never writes and holds no password.
    {
        says: "analytics connects to PostgreSQL as the analyst",
        who: role("analytics"),
        action: "rds-db:connect",
        on: dbUser("database", "analyst"),
        expect: "allow",
    },
    {
        says: "analytics cannot connect as the dba",
        who: role("analytics"),
        action: "rds-db:connect",
        on: dbUser("database", "dba"),
        expect: "deny",
    },
    {
        says: "analytics cannot connect as a service's login",
        who: role("analytics"),
        action: "rds-db:connect",
        on: dbUser("database", "svc_api"),
        expect: "deny",
    },
    {
        says: "analytics decrypts nothing with the secrets key: it reads no secret",
        who: role("analytics"),
        action: "kms:Decrypt",
        on: key("secrets"),
        context: via("secretsmanager"),
        expect: "deny",
    },
    {
        says: "analytics cannot read a service's read-write login",
        who: role("analytics"),
        action: READ,
        on: secret("api/database"),
        expect: "deny",
    },
    {
        says: "analytics cannot read the migration owner's login",
        who: role("analytics"),
        action: READ,
        on: secret("database-migration"),
        expect: "deny",
    },
    {
        says: "analytics cannot read another environment's database login",
        who: role("analytics"),
        action: READ,
        on: secret("api/database", otherEnv),
        expect: "deny",
    },
    {
        says: "analytics cannot change a database login's secret",
        who: role("analytics"),
        action: "secretsmanager:PutSecretValue",
        on: secret("api/database"),
        expect: "deny",
    },
    {
        says: "analytics cannot update a database login's settings",
        who: role("analytics"),
        action: "secretsmanager:UpdateSecret",
        on: secret("api/database"),
        expect: "deny",
    },
    { says: "analytics cannot modify the database", who: role("analytics"), action: "rds:ModifyDBInstance", on: database, expect: "deny" },
    { says: "analytics cannot delete the database", who: role("analytics"), action: "rds:DeleteDBInstance", on: database, expect: "deny" },
    {
        says: "analytics cannot encrypt with the secrets key",
        who: role("analytics"),
        action: "kms:Encrypt",
        on: key("secrets"),
        context: via("secretsmanager"),
        expect: "deny",
    },
    {
        says: "a person of the account assumes analytics with MFA",
        who: analyst,
        action: "sts:AssumeRole",
        on: trustOf("analytics"),
        context: mfa(true),
        expect: "allow",
    },
    {
        says: "a person of the account cannot assume analytics without MFA",
        who: analyst,
        action: "sts:AssumeRole",
        on: trustOf("analytics"),
        context: mfa(false),
        expect: "deny",
    },
    {
        says: "another account cannot assume analytics, even with MFA",
        who: outsider,
        action: "sts:AssumeRole",
        on: trustOf("analytics"),
        context: mfa(true),
        expect: "deny",
    },

    // Trust: no role is assumable from another account, or by anyone but its service.
    {
        says: "another account cannot assume the api's role",
        who: outsider,
        action: "sts:AssumeRole",
        on: trustOf("workloads-api"),
        expect: "deny",
    },
    {
        says: "another account cannot assume the EKS node role",
        who: outsider,
        action: "sts:AssumeRole",
        on: trustOf("eks-nodes"),
        expect: "deny",
    },
    {
        says: "another account cannot assume the EKS control-plane role",
        who: outsider,
        action: "sts:AssumeRole",
        on: trustOf("eks-cluster"),
        expect: "deny",
    },
    {
        says: "an administrator cannot assume the api's role (only its service account can)",
        who: admin,
        action: "sts:AssumeRole",
        on: trustOf("workloads-api"),
        expect: "deny",
    },
    {
        says: "the EKS nodes cannot assume the worker's role",
        who: role("eks-nodes"),
        action: "sts:AssumeRole",
        on: trustOf("workloads-worker"),
        expect: "deny",
    },
    {
        says: "VPC flow logs assume their role for this account",
        who: service("vpc-flow-logs.amazonaws.com"),
        action: "sts:AssumeRole",
        on: trustOf("network-flow-logs"),
        context: sourceAccount(ACCOUNT),
        expect: "allow",
    },
    {
        says: "VPC flow logs acting for another account cannot assume the role",
        who: service("vpc-flow-logs.amazonaws.com"),
        action: "sts:AssumeRole",
        on: trustOf("network-flow-logs"),
        context: sourceAccount(OTHER_ACCOUNT),
        expect: "deny",
    },
    {
        says: "RDS monitoring assumes its role for this account",
        who: service("monitoring.rds.amazonaws.com"),
        action: "sts:AssumeRole",
        on: trustOf("database-monitoring"),
        context: sourceAccount(ACCOUNT),
        expect: "allow",
    },
    {
        says: "RDS monitoring acting for another account cannot assume the role",
        who: service("monitoring.rds.amazonaws.com"),
        action: "sts:AssumeRole",
        on: trustOf("database-monitoring"),
        context: sourceAccount(OTHER_ACCOUNT),
        expect: "deny",
    },
    // Backups: recovery points deleted by the backup role alone, retention never shortened, locked versions untouchable, TLS only.
    {
        says: "the backup role may delete recovery points (with AWS's backup policy)",
        who: backupRoleDeleting,
        action: "backup:DeleteRecoveryPoint",
        on: recoveryPoint(),
        expect: "allow",
    },
    {
        says: "an administrator cannot delete a recovery point",
        who: admin,
        action: "backup:DeleteRecoveryPoint",
        on: recoveryPoint(),
        expect: "explicit deny",
    },
    {
        says: "api, whatever it is granted, cannot delete a recovery point",
        who: roleWithEverything("workloads-api"),
        action: "backup:DeleteRecoveryPoint",
        on: recoveryPoint(),
        expect: "explicit deny",
    },
    {
        says: "analytics cannot delete a recovery point",
        who: role("analytics"),
        action: "backup:DeleteRecoveryPoint",
        on: recoveryPoint(),
        expect: "deny",
    },
    {
        says: "even the backup role cannot shorten a recovery point's retention",
        who: roleWithEverything("backup"),
        action: "backup:UpdateRecoveryPointLifecycle",
        on: recoveryPoint(),
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot shorten a recovery point's retention",
        who: admin,
        action: "backup:UpdateRecoveryPointLifecycle",
        on: recoveryPoint(),
        expect: "explicit deny",
    },
    {
        says: "another account cannot delete a recovery point",
        who: outsider,
        action: "backup:DeleteRecoveryPoint",
        on: recoveryPoint(),
        expect: "deny",
    },
    {
        says: "nobody deletes a DR-region recovery point but the backup role",
        who: admin,
        action: "backup:DeleteRecoveryPoint",
        on: recoveryPoint("backup-dr"),
        expect: "explicit deny",
        stacks: ["prod"],
    },
    {
        says: "an administrator cannot delete an object-locked backup version",
        who: admin,
        action: "s3:DeleteObjectVersion",
        on: bucketObject("storage-backups"),
        context: tls(true),
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot bypass a governance lock on a backup",
        who: admin,
        action: "s3:BypassGovernanceRetention",
        on: bucketObject("storage-backups"),
        context: tls(true),
        expect: "explicit deny",
    },
    {
        says: "an administrator cannot rewrite (shorten) a backup's retention",
        who: admin,
        action: "s3:PutObjectRetention",
        on: bucketObject("storage-backups"),
        context: tls(true),
        expect: "explicit deny",
    },
    {
        says: "nobody deletes a version of the DR backup replica",
        who: admin,
        action: "s3:DeleteObjectVersion",
        on: bucketObject("storage-backups-dr"),
        context: tls(true),
        expect: "explicit deny",
        stacks: ["prod"],
    },
    {
        says: "not even an administrator reads a backup over TLS (break-glass does)",
        who: admin,
        action: "s3:GetObject",
        on: bucketObject("storage-backups"),
        context: tls(true),
        expect: "explicit deny",
    },
    {
        says: "nobody reads a backup without TLS",
        who: admin,
        action: "s3:GetObject",
        on: bucketObject("storage-backups"),
        context: tls(false),
        expect: "explicit deny",
    },
    {
        says: "nobody writes a document without TLS",
        who: admin,
        action: "s3:PutObject",
        on: bucketObject("storage-documents", "patients/1.pdf"),
        context: tls(false),
        expect: "explicit deny",
    },
    {
        says: "another account cannot read a backup",
        who: outsider,
        action: "s3:GetObject",
        on: bucketObject("storage-backups"),
        context: tls(true),
        expect: "deny",
    },
    {
        says: "another account cannot read a document",
        who: outsider,
        action: "s3:GetObject",
        on: bucketObject("storage-documents", "patients/1.pdf"),
        context: tls(true),
        expect: "deny",
    },
    {
        says: "api cannot read a backup",
        who: role("workloads-api"),
        action: "s3:GetObject",
        on: bucketObject("storage-backups"),
        context: tls(true),
        expect: "deny",
    },

    // Monitoring: the Alertmanager receivers' reader reads that entry only; the alarm topic is this account's.
    {
        says: "the Alertmanager receivers' reader reads its entry",
        who: role("monitoring-receivers-reader"),
        action: READ,
        on: secretResource("secrets-alertmanager"),
        expect: "allow",
    },
    {
        says: "the Alertmanager receivers' reader cannot read the database secret",
        who: role("monitoring-receivers-reader"),
        action: READ,
        on: secret("api/database"),
        expect: "deny",
    },
    {
        says: "postgres_exporter's reader reads the monitoring login",
        who: role("monitoring-postgres-exporter-reader"),
        action: READ,
        on: secretResource("secrets-database-monitoring"),
        expect: "allow",
    },
    {
        says: "postgres_exporter's reader cannot read a service's database login",
        who: role("monitoring-postgres-exporter-reader"),
        action: READ,
        on: secretResource("secrets-api/database"),
        expect: "deny",
    },
    {
        says: "redis_exporter's reader reads its own Redis user",
        who: role("monitoring-redis-exporter-reader"),
        action: READ,
        on: secretResource("secrets-redis-monitoring"),
        expect: "allow",
    },
    {
        says: "redis_exporter's reader cannot read a service's Redis user",
        who: role("monitoring-redis-exporter-reader"),
        action: READ,
        on: secretResource("secrets-api/redis"),
        expect: "deny",
    },
    {
        says: "redis_exporter's reader cannot read the monitoring login",
        who: role("monitoring-redis-exporter-reader"),
        action: READ,
        on: secretResource("secrets-database-monitoring"),
        expect: "deny",
    },
    {
        says: "api cannot read the monitoring login",
        who: role("workloads-api"),
        action: READ,
        on: secretResource("secrets-database-monitoring"),
        expect: "deny",
    },
    {
        says: "api cannot read the Alertmanager receivers",
        who: role("workloads-api"),
        action: READ,
        on: secretResource("secrets-alertmanager"),
        expect: "deny",
    },
    ...["p1-devops", "p1-security", "p3-dba"].flatMap((route): Case[] => [
        {
            says: `this account's CloudWatch alarms publish to the ${route} alarm topic`,
            who: service("cloudwatch.amazonaws.com"),
            action: "sns:Publish",
            on: topic(route),
            context: alarmOf(ACCOUNT),
            expect: "allow",
        },
        {
            says: `another account's alarms cannot publish to the ${route} alarm topic`,
            who: service("cloudwatch.amazonaws.com"),
            action: "sns:Publish",
            on: topic(route),
            context: alarmOf(OTHER_ACCOUNT),
            expect: "deny",
        },
        {
            says: `nothing publishes to the ${route} alarm topic without TLS`,
            who: service("cloudwatch.amazonaws.com"),
            action: "sns:Publish",
            on: topic(route),
            context: () => ({ ...alarmOf(ACCOUNT)(), "aws:SecureTransport": "false" }),
            expect: "explicit deny",
        },
        {
            says: `another account cannot subscribe to the ${route} alarm topic`,
            who: outsider,
            action: "sns:Subscribe",
            on: topic(route),
            expect: "deny",
        },
    ]),
    { says: "the flow-log role reads no secret", who: role("network-flow-logs"), action: READ, on: secret("api/database"), expect: "deny" },
    {
        says: "the load balancer controller reads no secret",
        who: role("eks-lb-controller"),
        action: READ,
        on: secret("api/database"),
        expect: "deny",
    },
    ...attackerCases(),
];

/** Issue 22's four attackers, each denied on the paths to PHI the plan's policies decide. */
function attackerCases(): Case[] {
    const pod = compromisedPod("api");
    const phi = { context: tls(true) };
    return [
        // A compromised pod: its service's role and nothing more.
        {
            says: "a compromised api pod cannot read a patient document",
            who: pod,
            action: "s3:GetObject",
            on: document,
            ...phi,
            expect: "deny",
        },
        {
            says: "a compromised api pod cannot decrypt documents with the data key through S3",
            who: pod,
            action: "kms:Decrypt",
            on: key("data"),
            context: via("s3"),
            expect: "deny",
        },
        {
            says: "a compromised api pod cannot grant itself use of the data key",
            who: pod,
            action: "kms:CreateGrant",
            on: key("data"),
            context: via("rds"),
            expect: "deny",
        },
        {
            says: "a compromised api pod cannot assume the analytics role",
            who: pod,
            action: "sts:AssumeRole",
            on: trustOf("analytics"),
            context: mfa(false),
            expect: "deny",
        },
        {
            says: "a compromised api pod cannot restore a recovery point into a copy of its own",
            who: pod,
            action: "backup:StartRestoreJob",
            on: recoveryPoint(),
            expect: "deny",
        },
        {
            says: "a compromised api pod cannot snapshot the database",
            who: pod,
            action: "rds:CreateDBSnapshot",
            on: database,
            expect: "deny",
        },
        {
            says: "a compromised worker pod cannot read a backup",
            who: compromisedPod("worker"),
            action: "s3:GetObject",
            on: backupObject,
            ...phi,
            expect: "deny",
        },
        // A leaked pull-request token: read-only, so neither secrets nor keys.
        {
            says: "a leaked PR token cannot read the api's database login",
            who: leakedPrToken,
            action: READ,
            on: secret("api/database"),
            expect: "deny",
        },
        {
            says: "a leaked PR token cannot decrypt documents with the data key through S3",
            who: leakedPrToken,
            action: "kms:Decrypt",
            on: key("data"),
            context: via("s3"),
            expect: "deny",
        },
        {
            says: "a leaked PR token cannot decrypt backups with the backups key through S3",
            who: leakedPrToken,
            action: "kms:Decrypt",
            on: key("backups"),
            context: via("s3"),
            expect: "deny",
        },
        {
            says: "a leaked PR token cannot assume the analytics role",
            who: leakedPrToken,
            action: "sts:AssumeRole",
            on: trustOf("analytics"),
            context: mfa(false),
            expect: "deny",
        },
        {
            says: "a leaked PR token cannot rewrite the data key's policy",
            who: leakedPrToken,
            action: "kms:PutKeyPolicy",
            on: key("data"),
            expect: "deny",
        },
        {
            says: "a leaked PR token cannot start a restore job",
            who: leakedPrToken,
            action: "backup:StartRestoreJob",
            on: recoveryPoint(),
            expect: "deny",
        },
        {
            says: "a leaked PR token cannot read a patient document",
            who: leakedPrToken,
            action: "s3:GetObject",
            on: document,
            context: tls(true),
            expect: "explicit deny",
        },
        // The drift role: ReadOnlyAccess, its guardrails, and its own stack's secret values (refresh reads them).
        {
            says: "the drift role cannot read a patient document",
            who: driftRole,
            action: "s3:GetObject",
            on: document,
            context: tls(true),
            expect: "explicit deny",
        },
        {
            says: "the drift role cannot read another environment's database login",
            who: driftRole,
            action: READ,
            on: secret("api/database", (s) => (s.environment === "prod" ? "staging" : "prod")),
            expect: "deny",
        },
        // A read-only insider.
        {
            says: "a read-only insider cannot read the Alertmanager receivers' secret",
            who: readOnlyInsider,
            action: READ,
            on: secretResource("secrets-alertmanager"),
            expect: "deny",
        },
        {
            says: "a read-only insider cannot decrypt with the secrets key through Secrets Manager",
            who: readOnlyInsider,
            action: "kms:Decrypt",
            on: key("secrets"),
            context: via("secretsmanager"),
            expect: "deny",
        },
        {
            says: "a read-only insider cannot decrypt backups with the backups key through AWS Backup",
            who: readOnlyInsider,
            action: "kms:Decrypt",
            on: key("backups"),
            context: via("backup"),
            expect: "deny",
        },
        {
            says: "a read-only insider cannot delete a recovery point",
            who: readOnlyInsider,
            action: "backup:DeleteRecoveryPoint",
            on: recoveryPoint(),
            expect: "deny",
        },
        {
            says: "a read-only insider cannot read a backup",
            who: readOnlyInsider,
            action: "s3:GetObject",
            on: backupObject,
            context: tls(true),
            expect: "deny",
        },
        {
            says: "a leaked PR token cannot download the database's log files",
            who: leakedPrToken,
            action: "rds:DownloadDBLogFilePortion",
            on: database,
            expect: "deny",
        },
        // The internet: unsigned requests.
        {
            says: "the internet cannot read a patient document",
            who: internet,
            action: "s3:GetObject",
            on: document,
            ...phi,
            expect: "deny",
        },
        {
            says: "the internet cannot write a patient document",
            who: internet,
            action: "s3:PutObject",
            on: document,
            ...phi,
            expect: "deny",
        },
        { says: "the internet cannot read a backup", who: internet, action: "s3:GetObject", on: backupObject, ...phi, expect: "deny" },
        {
            says: "the internet cannot decrypt with the data key",
            who: internet,
            action: "kms:Decrypt",
            on: key("data"),
            context: via("s3"),
            expect: "deny",
        },
        {
            says: "the internet cannot subscribe to the alarm topic",
            who: internet,
            action: "sns:Subscribe",
            on: topic("p1-devops"),
            expect: "deny",
        },
        {
            says: "the internet, holding another service account's token, cannot assume the api's role",
            who: internet,
            action: "sts:AssumeRoleWithWebIdentity",
            on: trustOf("workloads-api"),
            context: (s) => webIdentity(s, "workloads-api", "system:serviceaccount:default:default"),
            expect: "deny",
        },
    ];
}

/** The claims of a web identity token for the role's issuer (the cluster's OIDC provider). */
export function webIdentity(s: StackPolicies, roleName: string, subject: string): Record<string, string> {
    const federated = String(trustOf(roleName)(s).policy!.Statement[0].Principal.Federated);
    const issuer = federated.slice(federated.indexOf("oidc-provider/") + "oidc-provider/".length);
    return { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: "sts.amazonaws.com" };
}

// ---- logs that can hold PHI, and the detection wiring -----------------------------------------
/** A role of the plan that has also been given AWS's ReadOnlyAccess. */
const withReadOnlyAccess =
    (name: string) =>
    (s: StackPolicies): Principal => ({ ...role(name)(s), identityPolicies: [...role(name)(s).identityPolicies, readOnlyAccess] });
/** A log group of the stack, by name (`{env}` is the stack's environment). */
const logGroup =
    (name: string, stream?: string) =>
    (s: StackPolicies): Target => ({
        arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name.replace("{env}", s.environment)}${stream ? `:log-stream:${stream}` : ""}`,
    });
const postgresqlLog = logGroup("/aws/rds/instance/caresync-{env}-db/postgresql");
const webAcl = (s: StackPolicies): Target => ({
    arn: `arn:aws:wafv2:${REGION}:${ACCOUNT}:regional/webacl/caresync-${s.environment}-web-acl/0a1b2c3d`,
});
const alarmKey = (s: StackPolicies): Target => {
    const k = s.keyPolicies.get("alarms-key");
    if (!k) throw new Error(`the ${s.environment} plan has no alarm key`);
    return { arn: k.target, policy: k.policy };
};
/** An EventBridge rule of the account on the default bus publishing over TLS. */
const ruleOf = (rule: string) => (s: StackPolicies) => ({
    "aws:SourceAccount": ACCOUNT,
    "aws:SourceArn": `arn:aws:events:${REGION}:${ACCOUNT}:rule/${rule.replace("{env}", s.environment)}`,
    "aws:SecureTransport": "true",
});
const archiveObject = bucketObject("audit-trail", "cloudwatch-logs/2026/11/27/09/caresync-audit-archive-1");

const logCases: Case[] = [
    {
        says: "a read-only insider (analytics, given ReadOnlyAccess) cannot search the database's postgresql log",
        who: withReadOnlyAccess("analytics"),
        action: "logs:FilterLogEvents",
        on: postgresqlLog,
        expect: "explicit deny",
    },
    {
        says: "a read-only insider cannot query the Redis slow log with Logs Insights",
        who: withReadOnlyAccess("analytics"),
        action: "logs:StartQuery",
        on: logGroup("/careplane/caresync-{env}-redis/slow-log"),
        expect: "explicit deny",
    },
    {
        says: "a read-only insider cannot read a WAF log stream",
        who: withReadOnlyAccess("analytics"),
        action: "logs:GetLogEvents",
        on: logGroup("aws-waf-logs-caresync-{env}-web-acl", "us-east-1_caresync_0"),
        expect: "explicit deny",
    },
    {
        says: "a read-only insider cannot export the postgresql log to a bucket of theirs",
        who: withReadOnlyAccess("analytics"),
        action: "logs:CreateExportTask",
        on: postgresqlLog,
        expect: "explicit deny",
    },
    {
        says: "a read-only insider cannot read WAF's sampled requests",
        who: withReadOnlyAccess("analytics"),
        action: "wafv2:GetSampledRequests",
        on: webAcl,
        expect: "explicit deny",
    },
    {
        says: "a read-only insider cannot read a load balancer's access log (full URLs)",
        who: withReadOnlyAccess("analytics"),
        action: "s3:GetObject",
        on: bucketObject("storage-access-logs", `alb/AWSLogs/${ACCOUNT}/elasticloadbalancing/us-east-1/2026/11/27/log.gz`),
        context: tls(true),
        expect: "explicit deny",
    },
    {
        says: "a read-only insider cannot read the archived audit logs",
        who: withReadOnlyAccess("analytics"),
        action: "s3:GetObject",
        on: archiveObject,
        context: tls(true),
        expect: "explicit deny",
    },
    {
        says: "even an administrator cannot read a load balancer's access log",
        who: admin,
        action: "s3:GetObject",
        on: bucketObject("storage-access-logs", `alb/AWSLogs/${ACCOUNT}/elasticloadbalancing/us-east-1/2026/11/27/log.gz`),
        context: tls(true),
        expect: "explicit deny",
    },
    {
        says: "the auditor searches the database's postgresql log",
        who: role("audit-auditor"),
        action: "logs:FilterLogEvents",
        on: postgresqlLog,
        expect: "allow",
    },
    {
        says: "the auditor reads the archived audit logs over TLS",
        who: role("audit-auditor"),
        action: "s3:GetObject",
        on: archiveObject,
        context: tls(true),
        expect: "allow",
    },
    {
        says: "the auditor decrypts the archive through S3",
        who: role("audit-auditor"),
        action: "kms:Decrypt",
        on: key("logs"),
        context: via("s3"),
        expect: "allow",
    },
    {
        says: "the auditor cannot delete a log group",
        who: role("audit-auditor"),
        action: "logs:DeleteLogGroup",
        on: postgresqlLog,
        expect: "deny",
    },
    {
        says: "the auditor cannot delete an archived object",
        who: role("audit-auditor"),
        action: "s3:DeleteObject",
        on: archiveObject,
        context: tls(true),
        expect: "deny",
    },
    {
        says: "a person of the account assumes the auditor role with MFA",
        who: analyst,
        action: "sts:AssumeRole",
        on: trustOf("audit-auditor"),
        context: mfa(true),
        expect: "allow",
    },
    {
        says: "a person of the account cannot assume the auditor role without MFA",
        who: analyst,
        action: "sts:AssumeRole",
        on: trustOf("audit-auditor"),
        context: mfa(false),
        expect: "deny",
    },
    {
        says: "Firehose writes archived records under cloudwatch-logs/",
        who: role("audit-archive-delivery"),
        action: "s3:PutObject",
        on: archiveObject,
        context: tls(true),
        expect: "allow",
    },
    {
        says: "Firehose cannot read the archive",
        who: role("audit-archive-delivery"),
        action: "s3:GetObject",
        on: archiveObject,
        context: tls(true),
        expect: "deny",
    },
    {
        says: "Firehose cannot write the trail's own files",
        who: role("audit-archive-delivery"),
        action: "s3:PutObject",
        on: bucketObject("audit-trail", `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/27/x.json.gz`),
        context: tls(true),
        expect: "deny",
    },
    {
        says: "CloudWatch Logs assumes the subscription role for this account's log groups",
        who: service("logs.amazonaws.com"),
        action: "sts:AssumeRole",
        on: trustOf("audit-archive-subscription"),
        context: () => ({ "aws:SourceArn": `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/eks/x/cluster:*` }),
        expect: "allow",
    },
    {
        says: "CloudWatch Logs acting for another account cannot assume the subscription role",
        who: service("logs.amazonaws.com"),
        action: "sts:AssumeRole",
        on: trustOf("audit-archive-subscription"),
        context: () => ({ "aws:SourceArn": `arn:aws:logs:${REGION}:${OTHER_ACCOUNT}:log-group:x:*` }),
        expect: "deny",
    },
    {
        says: "Firehose acting for another account cannot assume the delivery role",
        who: service("firehose.amazonaws.com"),
        action: "sts:AssumeRole",
        on: trustOf("audit-archive-delivery"),
        context: () => ({ "sts:ExternalId": OTHER_ACCOUNT }),
        expect: "deny",
    },
    {
        says: "the malware scan reads an uploaded document",
        who: role("audit-malware-scan"),
        action: "s3:GetObject",
        on: bucketObject("storage-documents", "patients/1.pdf"),
        context: tls(true),
        expect: "allow",
    },
    {
        says: "the malware scan tags what it scanned",
        who: role("audit-malware-scan"),
        action: "s3:PutObjectTagging",
        on: bucketObject("storage-images", "patients/1.png"),
        context: tls(true),
        expect: "allow",
    },
    {
        says: "the malware scan cannot read a backup",
        who: role("audit-malware-scan"),
        action: "s3:GetObject",
        on: bucketObject("storage-backups"),
        context: tls(true),
        expect: "deny",
    },
    {
        says: "the malware scan cannot overwrite an uploaded document",
        who: role("audit-malware-scan"),
        action: "s3:PutObject",
        on: bucketObject("storage-documents", "patients/1.pdf"),
        context: tls(true),
        expect: "deny",
    },
    {
        says: "the GuardDuty findings rule publishes to the security team's P1 alarm topic",
        who: service("events.amazonaws.com"),
        action: "sns:Publish",
        on: topic("p1-security"),
        context: ruleOf("caresync-{env}-security-guardduty-findings"),
        expect: "allow",
    },
    {
        says: "another EventBridge rule of the account cannot publish to the security team's P1 alarm topic",
        who: service("events.amazonaws.com"),
        action: "sns:Publish",
        on: topic("p1-security"),
        context: ruleOf("someone-elses-rule"),
        expect: "deny",
    },
    {
        says: "a rule named after another team cannot publish to the security team's P1 alarm topic",
        who: service("events.amazonaws.com"),
        action: "sns:Publish",
        on: topic("p1-security"),
        context: ruleOf("caresync-{env}-devops-deployments"),
        expect: "deny",
    },
    {
        says: "the GuardDuty findings rule cannot publish to DevOps' P1 alarm topic",
        who: service("events.amazonaws.com"),
        action: "sns:Publish",
        on: topic("p1-devops"),
        context: ruleOf("caresync-{env}-security-guardduty-findings"),
        expect: "deny",
    },
    {
        says: "EventBridge encrypts notifications with the alarm topic's key",
        who: service("events.amazonaws.com"),
        action: "kms:GenerateDataKey",
        on: alarmKey,
        context: () => ({ "aws:SourceAccount": ACCOUNT }),
        expect: "allow",
    },
    {
        says: "EventBridge acting for another account cannot use the alarm topic's key",
        who: service("events.amazonaws.com"),
        action: "kms:GenerateDataKey",
        on: alarmKey,
        context: () => ({ "aws:SourceAccount": OTHER_ACCOUNT }),
        expect: "deny",
    },
];
cases.push(...logCases);
