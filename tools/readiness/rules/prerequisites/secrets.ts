// What Secrets Manager requires of a secret's replicas in other regions.
import { list, str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

export const secretReplicas = stackRule(
    {
        id: "prerequisites/secret-replicas",
        family: "prerequisites",
        description:
            "A secret's replicas are each in another region than the secret, one per region, and a customer key of a replica is a key of that replica's region",
        source: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/replicate-secrets.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.secret).flatMap((secret) => {
            const here = ctx.regionOf(secret);
            const replicas = list<{ region?: unknown; kmsKeyId?: unknown }>(secret.inputs.replicas);
            const problems: string[] = [];
            replicas.forEach((replica, i) => {
                const region = str(replica.region);
                if (region === here) problems.push(`a replica in ${here}, the secret's own region`);
                if (replicas.findIndex((o) => str(o.region) === region) < i) problems.push(`two replicas in ${region}`);
                // ReplicaRegionType.KmsKeyId: a key the replica's region holds (a KMS key is regional); an ARN says which.
                const keyRegion = /^arn:aws[a-z-]*:kms:([^:]+):/.exec(str(replica.kmsKeyId) ?? "")?.[1];
                if (keyRegion !== undefined && keyRegion !== region)
                    problems.push(`the replica in ${region} is under a key of ${keyRegion}, not of ${region}`);
            });
            return problems.map((p) =>
                ctx.finding(rule, secret, {
                    message: `Secrets Manager refuses the replication: ${p}`,
                    awsError: "InvalidParameterException",
                    fix: "replicate each secret once into each other region, under a key created in that region",
                }),
            );
        }),
);
