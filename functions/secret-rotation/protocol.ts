// The Secrets Manager rotation protocol, as the service drives it: four steps, each invoked with the
// secret, the token of the version being made, and the step's name (Secrets Manager user guide,
// "Lambda rotation functions", https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html).
// What a kind of secret does in each step is a Rotator; the protocol around it is the same for all.

export const steps = ["createSecret", "setSecret", "testSecret", "finishSecret"] as const;
export type Step = (typeof steps)[number];

export interface RotationEvent {
    SecretId: string;
    ClientRequestToken: string;
    Step: string;
    /** Sent by Secrets Manager since 2024; passed back on PutSecretValue. */
    RotationToken?: string;
}

export type SecretDocument = Record<string, unknown>;

/** The Secrets Manager calls a rotation makes: the seam the unit tests fake. */
export interface SecretsApi {
    describeSecret(secretId: string): Promise<{ rotationEnabled: boolean; versions: Record<string, string[]> }>;
    /** The value of a version picked by stage (and token); throws a NotFoundError when there is none. */
    getSecretValue(secretId: string, stage: string, versionId?: string): Promise<string>;
    putPendingValue(secretId: string, versionId: string, value: string, rotationToken?: string): Promise<void>;
    /** Moves AWSCURRENT to `versionId`; Secrets Manager labels the version it leaves AWSPREVIOUS. */
    promote(secretId: string, versionId: string, fromVersionId: string | undefined): Promise<void>;
}

/** Thrown by a SecretsApi when a version or secret does not exist (ResourceNotFoundException). */
export class NotFoundError extends Error {}

/** What one kind of secret does in the steps that differ between kinds. */
export interface Rotator {
    /** The next document, from the current one: what createSecret stores as AWSPENDING. */
    next(current: SecretDocument): Promise<SecretDocument> | SecretDocument;
    /** Makes the system that checks the credential accept the pending value (setSecret). */
    apply(pending: SecretDocument, current: SecretDocument): Promise<void>;
    /** Proves the pending value works before it becomes current (testSecret); throws when it does not. */
    verify(pending: SecretDocument, current: SecretDocument): Promise<void>;
}

/** A request this function must refuse: the protocol's own checks, and the one-secret-per-function rule. */
export class RotationRefused extends Error {}

function parse(value: string, what: string): SecretDocument {
    let doc: unknown;
    try {
        doc = JSON.parse(value);
    } catch {
        // Never echo the value: it is the secret.
        throw new RotationRefused(`${what} is not a JSON document`);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new RotationRefused(`${what} is not a JSON object`);
    return doc as SecretDocument;
}

/**
 * Runs one step for the one secret this function rotates (`ownSecretArn`): refuses any other secret,
 * a secret whose rotation is off, and a token that is not the pending version; does nothing for a
 * token already current (Secrets Manager retries steps), so every step can run again safely.
 */
export async function rotate(event: RotationEvent, ownSecretArn: string, secrets: SecretsApi, rotator: Rotator): Promise<void> {
    const { SecretId: secretId, ClientRequestToken: token } = event;
    if (secretId !== ownSecretArn) throw new RotationRefused(`this function rotates ${ownSecretArn} only, not ${secretId}`);
    if (!(steps as readonly string[]).includes(event.Step)) throw new RotationRefused(`unknown step ${event.Step}`);
    const metadata = await secrets.describeSecret(secretId);
    if (!metadata.rotationEnabled) throw new RotationRefused(`rotation is not enabled for ${secretId}`);
    const stages = metadata.versions[token];
    if (!stages) throw new RotationRefused(`version ${token} of ${secretId} has no stage`);
    if (stages.includes("AWSCURRENT")) return;
    if (!stages.includes("AWSPENDING")) throw new RotationRefused(`version ${token} of ${secretId} is not AWSPENDING`);

    const current = () => secrets.getSecretValue(secretId, "AWSCURRENT").then((v) => parse(v, "the current value"));
    const pending = () => secrets.getSecretValue(secretId, "AWSPENDING", token).then((v) => parse(v, "the pending value"));
    switch (event.Step as Step) {
        case "createSecret": {
            const now = await current();
            try {
                await secrets.getSecretValue(secretId, "AWSPENDING", token);
                return; // made by an earlier attempt of this step
            } catch (e) {
                if (!(e instanceof NotFoundError)) throw e;
            }
            await secrets.putPendingValue(secretId, token, JSON.stringify(await rotator.next(now)), event.RotationToken);
            return;
        }
        case "setSecret":
            return rotator.apply(await pending(), await current());
        case "testSecret":
            return rotator.verify(await pending(), await current());
        case "finishSecret": {
            const from = Object.entries(metadata.versions).find(([, s]) => s.includes("AWSCURRENT"))?.[0];
            return secrets.promote(secretId, token, from);
        }
    }
}
