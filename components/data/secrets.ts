import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PlatformContext } from "../context";
import { SecretsConfig } from "../config/schema/secrets";
import { principalsOf } from "../access/stack-principals";
import { SecretReaders, secretResourcePolicy } from "../security/secret-read-policies";
import { RotatedEntry } from "./rotation/rotations";
import { RotationSpec, rotationTag } from "./rotation/spec";

/** Characters every consumer accepts: RDS forbids / @ " and space; a Redis AUTH token allows only these. */
const SPECIAL_CHARACTERS = "!&#$^<>-";

/**
 * A random value of `length` characters, generated once and kept in state (encrypted): the caller
 * gets it as a secret output, so it is masked wherever it flows.
 */
export function generatedSecret(name: string, length: number, parent: pulumi.Resource): pulumi.Output<string> {
    const password = new random.RandomPassword(
        name,
        { length, special: true, overrideSpecial: SPECIAL_CHARACTERS, minLower: 2, minUpper: 2, minNumeric: 2, minSpecial: 1 },
        { parent },
    );
    return pulumi.secret(password.result);
}

/** A JSON document stored in an entry; any secret inside keeps the whole document secret. */
export type SecretDocument = pulumi.Input<Record<string, unknown>>;

/** An entry another area fills, and how it rotates. */
export interface RotatedDocument {
    document: SecretDocument;
    rotation: RotationSpec;
}

/** Who reads and who rotates each entry, by its name as Secrets Manager knows it. */
interface EntryAccess {
    readers: Record<string, string[]>;
    rotators: Record<string, string[]>;
}

export interface SecretsArgs {
    context: PlatformContext;
    /** The secrets KMS key: encrypts every entry. */
    kmsKeyArn: pulumi.Input<string>;
    /**
     * Entries other areas fill (database logins, Redis users), by name, with how each rotates.
     * `jwt`, `smtp` and the names in `careplane:secrets.names` are generated here.
     */
    documents: Record<string, RotatedDocument>;
    /**
     * Entries other areas need that someone else issues (a paging service's key, a webhook URL),
     * by name, with the keys of their JSON document: each key holds a generated stand-in until an
     * operator stores the issued value.
     */
    external?: Record<string, readonly string[]>;
    /**
     * Entries whose name another service dictates, by entry (an ECR pull-through cache credential must begin with
     * `ecr-pullthroughcache/`); every other entry is `<app>/<env>/<entry>`.
     */
    physicalNames?: Record<string, string>;
    /**
     * Logins careplane creates for a tool it installs (Grafana's admin), by entry name, with the user
     * name: each entry holds `{ username, password }`, the password generated here.
     */
    logins?: Record<string, string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** Generated lengths, the entry names to generate, the recovery window (`careplane:secrets`). */
    config: SecretsConfig;
    /**
     * A primary with a pilot light: these entries (sharedEntries) are replicated into the DR region under a key of
     * that region; their replicas follow every value the primary's rotation stores.
     */
    replication?: { entries: string[]; region: string; kmsKeyArn: pulumi.Input<string> };
    /**
     * A pilot light: these entries are the primary's, replicated into this region; none is created here, each is
     * read by its name (`<app>/<env>/<entry>`, the primary's).
     */
    replicatedFromPrimary?: string[];
}

/**
 * The stack's Secrets Manager entries, named `<app>/<env>/<name>` [000], encrypted with the
 * secrets key. Values never appear in plain text: they are secret outputs, masked in plans.
 */
export class Secrets extends pulumi.ComponentResource {
    /** Entry ARNs by short name (database, redis, jwt, smtp, ...): grant workloads read on these. */
    readonly arns: Record<string, pulumi.Output<string>>;
    /** Entry names as Secrets Manager knows them, by short name. */
    readonly names: Record<string, string>;
    /** Every entry with how it rotates, for the rotation area. */
    readonly entries: RotatedEntry[] = [];
    /** A pilot light's: the entries it reads as replicas of its primary's (none elsewhere). */
    readonly replicated: string[];
    private readonly resolveAccess: (access: pulumi.Output<EntryAccess>) => void;

    constructor(name: string, args: SecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:secrets:Secrets", name, {}, opts);
        const ctx = args.context;
        const cfg = args.config;
        const [access, resolveAccess] = pulumi.deferredOutput<EntryAccess>();
        this.resolveAccess = resolveAccess;
        const principals = pulumi
            .all([args.partition, args.accountId])
            .apply(([partition, accountId]) => principalsOf(ctx, partition, accountId));
        const partner: RotationSpec = { kind: "partner" };

        // The primary's entries, replicated here: nothing to generate or store.
        const replicated = new Set(args.replicatedFromPrimary ?? []);
        this.replicated = [...replicated];
        const signingKey = () => generatedSecret(`${name}-jwt`, Math.max(64, 2 * cfg.length), this);
        const generated: Record<string, RotatedDocument> = {};
        // The signing key is ours to choose: at least 64 characters [003], and the key that signs after the
        // first rotation is published from the start (see functions/secret-rotation/kinds/signing-key.ts).
        if (!replicated.has("jwt")) {
            generated.jwt = {
                document: { secret: signingKey(), next: generatedSecret(`${name}-jwt-next`, Math.max(64, 2 * cfg.length), this) },
                rotation: { kind: "signing-key" },
            };
        }
        // Issued by someone else (the mail provider, a partner): a generated stand-in until an
        // operator stores the real value, which Pulumi then leaves alone.
        for (const entry of ["smtp", ...cfg.names].filter((e) => !replicated.has(e))) {
            generated[entry] = { document: { value: generatedSecret(`${name}-${entry}`, cfg.length, this) }, rotation: partner };
        }
        for (const [entry, username] of Object.entries(args.logins ?? {})) {
            generated[entry] = {
                document: { username, password: generatedSecret(`${name}-${entry}`, cfg.length, this) },
                rotation: { kind: "password" },
            };
        }
        for (const [entry, keys] of Object.entries(args.external ?? {})) {
            const document = Object.fromEntries(keys.map((key) => [key, generatedSecret(`${name}-${entry}-${key}`, cfg.length, this)]));
            generated[entry] = { document, rotation: partner };
        }
        const entries = Object.fromEntries(Object.entries({ ...args.documents, ...generated }).filter(([entry]) => !replicated.has(entry)));

        this.arns = {};
        this.names = {};
        for (const entry of replicated) {
            this.names[entry] = secretName(ctx, entry);
            // A replica's ARN is its primary's with this region: the name, then the six characters Secrets Manager added.
            this.arns[entry] =
                pulumi.interpolate`arn:${args.partition}:secretsmanager:${ctx.region}:${args.accountId}:secret:${this.names[entry]}-??????`;
        }
        const replicaOf = (entry: string) =>
            args.replication?.entries.includes(entry)
                ? { region: args.replication.region, kmsKeyArn: args.replication.kmsKeyArn }
                : undefined;
        for (const [entry, { document, rotation }] of Object.entries(entries)) {
            const stored = storedEntry(
                `${name}-${entry}`,
                {
                    context: ctx,
                    entry,
                    physicalName: args.physicalNames?.[entry],
                    document,
                    rotation,
                    kmsKeyArn: args.kmsKeyArn,
                    recoveryWindowDays: cfg.recoveryWindowDays,
                    replica: replicaOf(entry),
                },
                this,
            );
            // Who may read or change it: its readers and its rotation function (see admit), Pulumi's roles, break-glass.
            // blockPublicPolicy: Secrets Manager refuses a policy that would let anyone outside the account in.
            new aws.secretsmanager.SecretPolicy(
                `${name}-${entry}`,
                {
                    secretArn: stored.arn,
                    blockPublicPolicy: true,
                    policy: pulumi.all([principals, access]).apply(([p, a]) =>
                        JSON.stringify(
                            secretResourcePolicy({
                                readers: a.readers[stored.name] ?? [],
                                deployRole: p.deployRole,
                                driftRole: p.driftRole,
                                breakGlassRole: p.breakGlassRole,
                                rotationRoles: a.rotators[stored.name] ?? [],
                            }),
                        ),
                    ),
                },
                { parent: this },
            );
            this.arns[entry] = stored.arn;
            this.names[entry] = stored.name;
            this.entries.push(stored);
        }
        this.registerOutputs({ arns: this.arns, names: this.names });
    }

    /**
     * Names, by entry name as Secrets Manager knows it, the roles that read each entry at run time and
     * the rotation functions' roles that change it; the entries' policies (written above) wait for
     * this. Call once, after every reader and rotation function exists.
     */
    admit(readers: SecretReaders, rotators: SecretReaders): void {
        const resolved = (byEntry: SecretReaders) =>
            pulumi.output(Object.fromEntries(Object.entries(byEntry).map(([entry, arns]) => [entry, pulumi.all(arns)]))) as pulumi.Output<
                Record<string, string[]>
            >;
        this.resolveAccess(pulumi.all([resolved(readers), resolved(rotators)]).apply(([r, w]) => ({ readers: r, rotators: w })));
    }
}

export interface StoredEntryArgs extends RotatedDocument {
    context: PlatformContext;
    /** Short name: `<app>/<env>/` goes before it. */
    entry: string;
    /** The name Secrets Manager knows it by, when another service dictates it; `<app>/<env>/<entry>` otherwise. */
    physicalName?: string;
    /** The secrets KMS key. */
    kmsKeyArn: pulumi.Input<string>;
    /** Days a deleted entry can be restored (`careplane:secrets.recoveryWindowDays`; 0 deletes at once outside prod). */
    recoveryWindowDays: number;
    /**
     * A replica in another region, under a key of that region (a Secrets Manager replica is encrypted there: AWS
     * Secrets Manager user guide, "Replicate secrets across Regions"); rotation stays with the primary entry and
     * Secrets Manager carries each new value to the replica.
     */
    replica?: { region: string; kmsKeyArn: pulumi.Input<string> };
}

/**
 * One Secrets Manager entry holding a JSON document: KMS-encrypted, tagged with how it rotates, protected
 * like every stateful resource. Only the first value is careplane's; rotation (or the operator, for an
 * issued value) stores every later one.
 */
export function storedEntry(name: string, args: StoredEntryArgs, parent: pulumi.Resource): RotatedEntry {
    const ctx = args.context;
    const physicalName = args.physicalName ?? secretName(ctx, args.entry);
    const issued = args.rotation.kind === "partner";
    const secret = new aws.secretsmanager.Secret(
        name,
        {
            name: physicalName,
            description: `${ctx.name(args.entry)}: ${issued ? "issued externally; store the real value with put-secret-value" : "managed by careplane, rotated automatically"}`,
            kmsKeyId: args.kmsKeyArn,
            recoveryWindowInDays: args.recoveryWindowDays,
            ...(args.replica ? { replicas: [{ region: args.replica.region, kmsKeyId: args.replica.kmsKeyArn }] } : {}),
            tags: ctx.tags("confidential", { SecretName: args.entry, Rotation: rotationTag(args.rotation) }),
        },
        ctx.stateful({ parent }),
    );
    const version = new aws.secretsmanager.SecretVersion(
        name,
        { secretId: secret.id, secretString: pulumi.secret(pulumi.jsonStringify(args.document)) },
        // Pulumi must never write its first value back over a rotated or stored one.
        { parent, ignoreChanges: ["secretString"] },
    );
    return { entry: args.entry, name: physicalName, arn: secret.arn, version, rotation: args.rotation };
}

/** `<app>/<env>/<name>` [000: caresync/prod/database]. */
export function secretName(ctx: PlatformContext, entry: string): string {
    return `${ctx.app}/${ctx.environment}/${entry}`;
}
