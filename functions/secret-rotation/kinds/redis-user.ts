// An ElastiCache RBAC user's password (ElastiCache user guide, "Automatically rotating passwords for
// users"): the user accepts both the new and the current password while clients move over, so the
// previous password stays valid until the next rotation replaces it. One function per user.
import { RotationRefused, Rotator, SecretDocument } from "../protocol";
import { randomValue, stringIn } from "./values";

/** 36 random bytes: 48 characters, inside ElastiCache's 16 to 128. */
export const REDIS_PASSWORD_BYTES = 36;

/** The ElastiCache calls the rotation makes. */
export interface ElastiCacheApi {
    /** The user's status (`active` once a change has reached every node) and ARN. */
    describeUser(userId: string): Promise<{ status: string; arn: string }>;
    setPasswords(userId: string, passwords: string[]): Promise<void>;
}

export interface RedisUserTarget {
    /** The one user this function may change, as its entry's `user_arn` must name it. */
    userId: string;
    userArn: string;
    /** How long to wait for the user to become active, and between looks. */
    waitSeconds: number;
    pollSeconds: number;
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

export function redisUserRotator(elasticache: ElastiCacheApi, target: RedisUserTarget): Rotator {
    const ownUser = (doc: SecretDocument, what: string) => {
        if (stringIn(doc, "user_arn", what) !== target.userArn)
            throw new RotationRefused(`${what} names a user this function does not rotate`);
    };
    const untilActive = async (step: string) => {
        const deadline = Date.now() + target.waitSeconds * 1000;
        for (;;) {
            const user = await elasticache.describeUser(target.userId);
            if (user.arn !== target.userArn) throw new RotationRefused(`user ${target.userId} is not ${target.userArn}`);
            if (user.status === "active") return;
            if (Date.now() >= deadline)
                throw new Error(`${step}: user ${target.userId} is still ${user.status} after ${target.waitSeconds} s`);
            await sleep(target.pollSeconds);
        }
    };
    return {
        next(current: SecretDocument): SecretDocument {
            ownUser(current, "the current value");
            return { ...current, password: randomValue(REDIS_PASSWORD_BYTES) };
        },
        async apply(pending: SecretDocument, current: SecretDocument): Promise<void> {
            ownUser(pending, "the pending value");
            const next = stringIn(pending, "password", "the pending value");
            const now = stringIn(current, "password", "the current value");
            await untilActive("setSecret");
            await elasticache.setPasswords(target.userId, [next, now]);
        },
        // The user is active again once both passwords have reached every node.
        async verify(pending: SecretDocument): Promise<void> {
            ownUser(pending, "the pending value");
            await untilActive("testSecret");
        },
    };
}
