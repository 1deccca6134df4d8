// Who may assume careplane's roles: one pure function per kind of trust, tested and simulated in tests/iam.

/** People of this account (never another's) may assume the role, and only with MFA. */
export function sameAccountMfaTrustPolicy(partition: string, accountId: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: "sts:AssumeRole",
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            },
        ],
    };
}

export interface ServiceAccountTrust {
    oidcProviderArn: string;
    /** The issuer URL without its scheme, as IAM condition keys spell it. */
    issuerHost: string;
    namespace: string;
    serviceAccount: string;
}

/** Trust policy of an IAM role for one Kubernetes service account (IRSA), and for no other. */
export function serviceAccountTrustPolicy(t: ServiceAccountTrust) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Federated: t.oidcProviderArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: {
                        [`${t.issuerHost}:sub`]: `system:serviceaccount:${t.namespace}:${t.serviceAccount}`,
                        [`${t.issuerHost}:aud`]: "sts.amazonaws.com",
                    },
                },
            },
        ],
    };
}

/** Trust policy letting one AWS service assume a role. */
export function serviceTrustPolicy(service: string, sourceAccount?: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: service },
                Action: "sts:AssumeRole",
                // Against the confused deputy: the service acts for this account's resources only.
                ...(sourceAccount ? { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } } : {}),
            },
        ],
    };
}
