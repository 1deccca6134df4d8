// Who may read which secret: a workload reads its own `<app>/<env>/<name>` secrets and no others.

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

/** The identity policy of a workload's role (IRSA role or ECS task/execution role). */
export function secretReadPolicy(p: SecretAccessInput) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadOwnSecrets",
                Effect: "Allow",
                Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
                Resource: secretArnPatterns(p),
            },
            {
                Sid: "DecryptOwnSecretsThroughSecretsManager",
                Effect: "Allow",
                Action: "kms:Decrypt",
                Resource: p.secretsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${p.region}.amazonaws.com` } },
            },
        ],
    };
}
