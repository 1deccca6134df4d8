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

/** Read these secrets, decrypting with the secrets key only through Secrets Manager. */
function readSecretsPolicy(p: { readSid: string; decryptSid: string; secrets: string | string[]; secretsKeyArn: string; region: string }) {
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
    });
}

/** What a monitoring SecretStore may do: read its one entry, decrypting through Secrets Manager only. */
export function entryReaderPolicy(p: { sid: string; secretArn: string; secretsKeyArn: string; region: string }) {
    return readSecretsPolicy({
        readSid: p.sid,
        decryptSid: "DecryptThroughSecretsManager",
        secrets: p.secretArn,
        secretsKeyArn: p.secretsKeyArn,
        region: p.region,
    });
}

/** The account facts secretReadPolicy needs, as the program has them. */
export interface SecretAccessScope {
    partition: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    secretsKeyArn: pulumi.Input<string>;
}

/** secretReadPolicy for the named secrets of this stack, once the account facts resolve. */
export function stackSecretReadPolicy(ctx: PlatformContext, scope: SecretAccessScope, secretNames: string[]) {
    return pulumi.all([scope.partition, scope.accountId, scope.secretsKeyArn]).apply(([partition, accountId, secretsKeyArn]) =>
        secretReadPolicy({
            partition,
            accountId,
            secretsKeyArn,
            region: ctx.config.region,
            app: ctx.config.app,
            environment: ctx.environment,
            secretNames,
        }),
    );
}
