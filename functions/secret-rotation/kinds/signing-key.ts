// The JWT signing key [004: rotated at least quarterly]. Services sign with `secret` and accept a token
// signed with `secret`, `previous` or `next`. Each rotation promotes the key published as `next` one
// period earlier, so every running service already accepts it: a rotation never breaks a service that
// read the entry since the last rotation, and tokens signed before it stay valid for one more period.
import { RotationRefused, Rotator, SecretDocument } from "../protocol";
import { randomValue, stringIn } from "./values";

/** 64 random bytes: the key HS512 wants (RFC 7518 3.2: a key at least as long as the hash), and over 64 characters [003]. */
export const SIGNING_KEY_BYTES = 64;
const MIN_KEY_LENGTH = 64;

/** The keys a service must know: the one it signs with, and the two it also accepts. */
export const signingKeyFields = ["secret", "previous", "next"] as const;

function longEnough(key: string, name: string): void {
    if (key.length < MIN_KEY_LENGTH) throw new RotationRefused(`the pending ${name} key is shorter than ${MIN_KEY_LENGTH} characters`);
}

export const signingKeyRotator: Rotator = {
    next(current: SecretDocument): SecretDocument {
        const signing = stringIn(current, "secret", "the current value");
        // A document from before `next` existed (or edited by hand) has no published successor.
        const successor = typeof current.next === "string" && current.next.length > 0 ? current.next : randomValue(SIGNING_KEY_BYTES);
        return { ...current, secret: successor, previous: signing, next: randomValue(SIGNING_KEY_BYTES) };
    },
    // Nothing outside Secrets Manager holds the key: services read it from the entry.
    async apply(): Promise<void> {},
    async verify(pending: SecretDocument, current: SecretDocument): Promise<void> {
        const keys = Object.fromEntries(signingKeyFields.map((f) => [f, stringIn(pending, f, "the pending value")]));
        for (const f of signingKeyFields) longEnough(keys[f], f);
        if (new Set(Object.values(keys)).size !== signingKeyFields.length)
            throw new RotationRefused("the pending keys are not all different");
        if (keys.previous !== current.secret) throw new RotationRefused("the pending previous key is not the current signing key");
        if (typeof current.next === "string" && keys.secret !== current.next)
            throw new RotationRefused("the pending signing key is not the key published as next, which running services do not all accept");
    },
};
