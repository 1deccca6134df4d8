// Who may read which secret: a workload reads its own `<app>/<env>/<name>` secrets and no others.
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";

export interface SecretAccessInput {
    partition: string;
    region: string;
    accountId: string;
    app: string;
    environment: string;
    /** The names the service lists in `careplane:services.<service>.secrets`. */
    secretNames: string[];
    /** The secrets KMS key; decrypting with it is allowed only through Secrets Manager. */
    secretsKeyArn: string;
    /** A pilot light's: its primary's key in this region, which the replicated entries are under. */
    replicaKeyArn?: string;
}

/**
 * ARN patterns of a service's secrets. Secrets Manager appends `-` and six random characters to
 * every secret ARN; `-??????` matches exactly that, where `-*` would also grant a secret named
 * `<name>-admin`.
 */
export function secretArnPatterns(p: Omit<SecretAccessInput, "secretsKeyArn">): string[] {
    return p.secretNames.map(
        (n) => `arn:${p.partition}:secretsmanager:${p.region}:${p.accountId}:secret:${p.app}/${p.environment}/${n}-??????`,
    );
}

/** The alias (`alias/<app>-<env>-secrets-dr`) of the key a primary's entries are replicated under in its DR region. */
export const SECRET_REPLICAS_KEY = "secrets-dr";

/**
 * Read these secrets, decrypting with the secrets key only through Secrets Manager; in a pilot light also with the
 * key its primary's entries are replicated under in this region (`careplane:dr.source.secretsKey`).
 */
function readSecretsPolicy(p: {
    readSid: string;
    decryptSid: string;
    secrets: string | string[];
    secretsKeyArn: string;
    region: string;
    replicaKeyArn?: string;
}) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: p.readSid,
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                Resource: p.secrets,
            },
            {
                Sid: p.decryptSid,
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: p.secretsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${p.region}.amazonaws.com` } },
            },
            ...(p.replicaKeyArn
                ? [
                      {
                          Sid: "DecryptPrimaryReplicasThroughSecretsManager",
                          Effect: "Allow",
                          Action: "kms:Decrypt",
                          Resource: p.replicaKeyArn,
                          Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${p.region}.amazonaws.com` } },
                      },
                  ]
                : []),
        ],
    };
}

/** The identity policy of a workload's role (IRSA role or ECS task/execution role). */
export function secretReadPolicy(p: SecretAccessInput) {
    return readSecretsPolicy({
        readSid: "ReadOwnSecrets",
        decryptSid: "DecryptOwnSecretsThroughSecretsManager",
        secrets: secretArnPatterns(p),
        secretsKeyArn: p.secretsKeyArn,
        region: p.region,
        replicaKeyArn: p.replicaKeyArn,
    });
}

/** What a monitoring SecretStore may do: read its one entry, decrypting through Secrets Manager only. */
export function entryReaderPolicy(p: { sid: string; secretArn: string; secretsKeyArn: string; region: string; replicaKeyArn?: string }) {
    return readSecretsPolicy({
        readSid: p.sid,
        decryptSid: "DecryptThroughSecretsManager",
        secrets: p.secretArn,
        secretsKeyArn: p.secretsKeyArn,
        region: p.region,
        replicaKeyArn: p.replicaKeyArn,
    });
}

/** The account facts secretReadPolicy needs, as the program has them. */
export interface SecretAccessScope {
    partition: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    secretsKeyArn: pulumi.Input<string>;
    /** A pilot light's: the key its primary's entries are replicated under in this region (`careplane:dr.source.secretsKey`). */
    replicaKeyArn?: string;
}

/** secretReadPolicy for the named secrets of this stack, once the account facts resolve. */
export function stackSecretReadPolicy(ctx: PlatformContext, scope: SecretAccessScope, secretNames: string[]) {
    return pulumi.all([scope.partition, scope.accountId, scope.secretsKeyArn]).apply(([partition, accountId, secretsKeyArn]) =>
        secretReadPolicy({
            partition,
            accountId,
            secretsKeyArn,
            region: ctx.region,
            app: ctx.app,
            environment: ctx.environment,
            secretNames,
            replicaKeyArn: scope.replicaKeyArn,
        }),
    );
}

/** What changes an entry, its value, its rotation or its own policy. */
const secretWriteActions = [
    "secretsmanager:PutSecretValue",
    "secretsmanager:UpdateSecret",
    "secretsmanager:UpdateSecretVersionStage",
    "secretsmanager:RotateSecret",
    "secretsmanager:CancelRotateSecret",
    "secretsmanager:DeleteSecret",
    "secretsmanager:RestoreSecret",
    "secretsmanager:PutResourcePolicy",
    "secretsmanager:DeleteResourcePolicy",
    "secretsmanager:ReplicateSecretToRegions",
    "secretsmanager:RemoveRegionsFromReplication",
    "secretsmanager:StopReplicationToReplica",
];

export interface SecretAllowList {
    /** The roles that read this entry at run time (its services' roles, an exporter's reader, analytics). */
    readers: string[];
    /** Pulumi (deploy writes and refreshes, drift refreshes), break-glass, and a rotation function's role. */
    deployRole: string;
    driftRole: string;
    breakGlassRole: string;
    /** The roles of the functions that rotate this entry: they read and write it. */
    rotationRoles: string[];
}

/**
 * An entry's resource policy: identity policies alone no longer read or change it. Only its
 * readers, the roles that run Pulumi (the provider reads a SecretVersion's value on refresh),
 * break-glass and its rotation function read the value; only the deploy role, break-glass and the
 * rotation function change it. A write is as dangerous as a read: the database entry carries the
 * host the applications connect to.
 */
export function secretResourcePolicy(a: SecretAllowList) {
    const rotation = a.rotationRoles;
    const exceptFor = (principals: string[]) => ({ ArnNotEquals: { "aws:PrincipalArn": [...new Set(principals)] } });
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OnlyNamedPrincipalsReadTheValue",
                Effect: "Deny",
                Principal: "*",
                Action: "secretsmanager:GetSecretValue",
                Resource: "*",
                Condition: exceptFor([...a.readers, a.deployRole, a.driftRole, a.breakGlassRole, ...rotation]),
            },
            {
                Sid: "OnlyTheDeployerBreakGlassAndRotationChangeIt",
                Effect: "Deny",
                Principal: "*",
                Action: secretWriteActions,
                Resource: "*",
                Condition: exceptFor([a.deployRole, a.breakGlassRole, ...rotation]),
            },
        ],
    };
}

/** The roles that read each entry at run time, by the entry's name as Secrets Manager knows it (`<app>/<env>/<name>`). */
export type SecretReaders = Record<string, pulumi.Output<string>[]>;

/** Records that `roleArn` reads these entries. */
export function addSecretReader(readers: SecretReaders, secretNames: string[], roleArn: pulumi.Output<string>) {
    for (const name of secretNames) (readers[name] ??= []).push(roleArn);
}

/** Readers of several components, merged. */
export function mergeSecretReaders(...all: SecretReaders[]): SecretReaders {
    const merged: SecretReaders = {};
    for (const readers of all) for (const [name, arns] of Object.entries(readers)) (merged[name] ??= []).push(...arns);
    return merged;
}
