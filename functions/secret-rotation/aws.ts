// The seams of the rotation code, backed by the AWS SDK for JavaScript v3 that the Lambda Node.js
// runtime provides (the bundle leaves @aws-sdk/* to it).
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { DescribeUsersCommand, ElastiCacheClient, ModifyUserCommand } from "@aws-sdk/client-elasticache";
import {
    DescribeSecretCommand,
    GetSecretValueCommand,
    ListSecretVersionIdsCommand,
    PutSecretValueCommand,
    ResourceNotFoundException,
    SecretsManagerClient,
    UpdateSecretVersionStageCommand,
} from "@aws-sdk/client-secrets-manager";
import { NotFoundError, SecretsApi } from "./protocol";
import { ElastiCacheApi } from "./kinds/redis-user";
import { MetricsApi, SECRET_AGE_METRIC, SecretVersionsApi } from "./secret-age";

export function secretsApi(client: Pick<SecretsManagerClient, "send">): SecretsApi {
    return {
        async describeSecret(secretId) {
            const out = await client.send(new DescribeSecretCommand({ SecretId: secretId }));
            return { rotationEnabled: out.RotationEnabled === true, versions: out.VersionIdsToStages ?? {} };
        },
        async getSecretValue(secretId, stage, versionId) {
            try {
                const out = await client.send(new GetSecretValueCommand({ SecretId: secretId, VersionStage: stage, VersionId: versionId }));
                if (out.SecretString === undefined) throw new Error(`${secretId} holds no string value`);
                return out.SecretString;
            } catch (e) {
                if (e instanceof ResourceNotFoundException)
                    throw new NotFoundError(`${secretId} has no ${stage} version ${versionId ?? ""}`.trim());
                throw e;
            }
        },
        async putPendingValue(secretId, versionId, value, rotationToken) {
            await client.send(
                new PutSecretValueCommand({
                    SecretId: secretId,
                    ClientRequestToken: versionId,
                    SecretString: value,
                    VersionStages: ["AWSPENDING"],
                    RotationToken: rotationToken,
                }),
            );
        },
        async promote(secretId, versionId, fromVersionId) {
            await client.send(
                new UpdateSecretVersionStageCommand({
                    SecretId: secretId,
                    VersionStage: "AWSCURRENT",
                    MoveToVersionId: versionId,
                    RemoveFromVersionId: fromVersionId,
                }),
            );
        },
    };
}

export function secretVersionsApi(client: Pick<SecretsManagerClient, "send">): SecretVersionsApi {
    return {
        async listVersions(secretId) {
            const out = await client.send(new ListSecretVersionIdsCommand({ SecretId: secretId, IncludeDeprecated: false }));
            return (out.Versions ?? []).map((v) => ({ stages: v.VersionStages ?? [], created: v.CreatedDate ?? new Date(0) }));
        },
    };
}

export function elastiCacheApi(client: Pick<ElastiCacheClient, "send">): ElastiCacheApi {
    return {
        async describeUser(userId) {
            const out = await client.send(new DescribeUsersCommand({ UserId: userId }));
            const user = out.Users?.[0];
            if (!user) throw new Error(`ElastiCache user ${userId} does not exist`);
            return { status: user.Status ?? "unknown", arn: user.ARN ?? "" };
        },
        async setPasswords(userId, passwords) {
            await client.send(new ModifyUserCommand({ UserId: userId, AuthenticationMode: { Type: "password", Passwords: passwords } }));
        },
    };
}

export function metricsApi(client: Pick<CloudWatchClient, "send">): MetricsApi {
    return {
        async putAges(namespace, ages) {
            await client.send(
                new PutMetricDataCommand({
                    Namespace: namespace,
                    MetricData: ages.map((a) => ({
                        MetricName: SECRET_AGE_METRIC.name,
                        Dimensions: [{ Name: SECRET_AGE_METRIC.dimension, Value: a.secretName }],
                        Value: a.days,
                        Unit: "Count",
                    })),
                }),
            );
        },
    };
}

export const clients = {
    secrets: () => new SecretsManagerClient({}),
    elasticache: () => new ElastiCacheClient({}),
    cloudwatch: () => new CloudWatchClient({}),
};
