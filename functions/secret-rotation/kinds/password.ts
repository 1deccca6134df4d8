// A login careplane generates for a tool it installs (Grafana's admin): a new password each rotation.
// The tool reads the entry when it starts (Grafana creates its admin from it on every start, its
// database living on the pod), so nothing is set elsewhere; a restart applies the new password.
import { RotationRefused, Rotator, SecretDocument } from "../protocol";
import { randomValue, stringIn } from "./values";

/** 24 random bytes: 32 characters, the length careplane generates by default. */
export const PASSWORD_BYTES = 24;

export const passwordRotator: Rotator = {
    next(current: SecretDocument): SecretDocument {
        stringIn(current, "username", "the current value");
        return { ...current, password: randomValue(PASSWORD_BYTES) };
    },
    async apply(): Promise<void> {},
    async verify(pending: SecretDocument, current: SecretDocument): Promise<void> {
        const password = stringIn(pending, "password", "the pending value");
        if (password.length < 32) throw new RotationRefused("the pending password is shorter than 32 characters");
        if (password === current.password) throw new RotationRefused("the pending password is the current one");
        if (pending.username !== current.username) throw new RotationRefused("the pending value names another user");
    },
};
