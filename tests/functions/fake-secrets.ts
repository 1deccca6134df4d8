// A Secrets Manager that keeps one secret's versions in memory and labels them as the service does
// (Secrets Manager user guide, "How rotation works"): RotateSecret adds a version staged AWSPENDING with
// no value yet, PutSecretValue fills it, UpdateSecretVersionStage moves AWSCURRENT and labels the
// version it leaves AWSPREVIOUS, and a finished rotation drops AWSPENDING.
import { NotFoundError, RotationEvent, SecretsApi, Step } from "../../functions/secret-rotation/protocol";

interface Version {
    value?: string;
    stages: string[];
}

export class FakeSecrets implements SecretsApi {
    readonly versions = new Map<string, Version>();
    readonly writes: string[] = [];
    rotationEnabled = true;
    private counter = 0;

    constructor(
        readonly arn: string,
        initial: Record<string, unknown>,
    ) {
        this.versions.set("v0", { value: JSON.stringify(initial), stages: ["AWSCURRENT"] });
    }

    async describeSecret(secretId: string) {
        this.own(secretId);
        return {
            rotationEnabled: this.rotationEnabled,
            versions: Object.fromEntries([...this.versions].map(([id, v]) => [id, [...v.stages]])),
        };
    }

    async getSecretValue(secretId: string, stage: string, versionId?: string): Promise<string> {
        this.own(secretId);
        const found = versionId
            ? [[versionId, this.versions.get(versionId)] as const].filter(([, v]) => v?.stages.includes(stage))
            : [...this.versions].filter(([, v]) => v.stages.includes(stage));
        const value = found[0]?.[1]?.value;
        if (value === undefined) throw new NotFoundError(`no ${stage} value`);
        return value;
    }

    async putPendingValue(secretId: string, versionId: string, value: string): Promise<void> {
        this.own(secretId);
        this.writes.push(`put ${versionId}`);
        for (const v of this.versions.values()) v.stages = v.stages.filter((s) => s !== "AWSPENDING");
        this.versions.set(versionId, { value, stages: ["AWSPENDING"] });
    }

    async promote(secretId: string, versionId: string, fromVersionId: string | undefined): Promise<void> {
        this.own(secretId);
        this.writes.push(`promote ${versionId}`);
        const from = fromVersionId ? this.versions.get(fromVersionId) : undefined;
        if (from && !from.stages.includes("AWSCURRENT")) throw new Error(`${fromVersionId} is not AWSCURRENT`);
        for (const v of this.versions.values()) v.stages = v.stages.filter((s) => s !== "AWSPREVIOUS");
        if (from) from.stages = [...from.stages.filter((s) => s !== "AWSCURRENT"), "AWSPREVIOUS"];
        const to = this.versions.get(versionId)!;
        to.stages = [...to.stages, "AWSCURRENT"];
    }

    /** What RotateSecret does before it invokes the function: a new version token, staged AWSPENDING, empty. */
    startRotation(): string {
        const token = `v${++this.counter}`;
        for (const v of this.versions.values()) v.stages = v.stages.filter((s) => s !== "AWSPENDING");
        this.versions.set(token, { stages: ["AWSPENDING"] });
        return token;
    }

    /** What Secrets Manager does once finishSecret returned. */
    endRotation(token: string): void {
        const v = this.versions.get(token)!;
        v.stages = v.stages.filter((s) => s !== "AWSPENDING");
    }

    event(step: Step, token: string): RotationEvent {
        return { SecretId: this.arn, ClientRequestToken: token, Step: step };
    }

    value(stage: string): Record<string, any> {
        const v = [...this.versions.values()].find((x) => x.stages.includes(stage));
        if (!v?.value) throw new Error(`no ${stage} value`);
        return JSON.parse(v.value);
    }

    private own(secretId: string) {
        if (secretId !== this.arn) throw new NotFoundError(`no secret ${secretId}`);
    }
}
