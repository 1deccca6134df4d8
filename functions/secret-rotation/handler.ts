// The Lambda entry point: one function per secret, told by its environment which kind it rotates
// (or, for the age check, which partner-issued entries it watches). Bundled by the program into one
// ES module (components/data/rotation/bundle.ts).
import { clients, elastiCacheApi, metricsApi, secretsApi, secretVersionsApi } from "./aws";
import { passwordRotator } from "./kinds/password";
import { redisUserRotator } from "./kinds/redis-user";
import { signingKeyRotator } from "./kinds/signing-key";
import { rotate, RotationEvent, Rotator } from "./protocol";
import { publishSecretAges } from "./secret-age";

/** The kinds this code rotates, by the value of ROTATION_KIND. */
export const rotationKinds = ["signing-key", "password", "redis-user"] as const;
export type RotationKind = (typeof rotationKinds)[number];
/** The scheduled age check of partner-issued entries (ROTATION_KIND=secret-age). */
export const SECRET_AGE_KIND = "secret-age";

function env(name: string): string {
    const value = process.env[name];
    if (!value) throw new Error(`environment variable ${name} is not set`);
    return value;
}

function rotatorFor(kind: string): Rotator {
    switch (kind) {
        case "signing-key":
            return signingKeyRotator;
        case "password":
            return passwordRotator;
        case "redis-user":
            return redisUserRotator(elastiCacheApi(clients.elasticache()), {
                userId: env("USER_ID"),
                userArn: env("USER_ARN"),
                // Lambda's timeout (15 minutes) bounds the wait; ElastiCache takes minutes to reach every node.
                waitSeconds: 600,
                pollSeconds: 10,
            });
        default:
            throw new Error(`unknown ROTATION_KIND ${kind}`);
    }
}

export async function handler(event: RotationEvent | Record<string, unknown>): Promise<unknown> {
    const kind = env("ROTATION_KIND");
    if (kind === SECRET_AGE_KIND) {
        const names = JSON.parse(env("SECRET_NAMES")) as string[];
        return publishSecretAges(names, secretVersionsApi(clients.secrets()), metricsApi(clients.cloudwatch()), new Date());
    }
    const rotator = rotatorFor(kind);
    return rotate(event as RotationEvent, env("SECRET_ARN"), secretsApi(clients.secrets()), rotator);
}
