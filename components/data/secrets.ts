import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { PlatformContext } from "../context";
import { stackPrincipals } from "../access/stack-principals";
import { secretResourcePolicy } from "../security/secret-read-policies";

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

export interface SecretsArgs {
    context: PlatformContext;
    /** The secrets KMS key: encrypts every entry. */
    kmsKeyArn: pulumi.Input<string>;
    /**
     * Entries other areas fill (database credentials and endpoints, the Redis AUTH token), by name.
     * `jwt`, `smtp` and the names in `careplane:secrets.names` are generated here.
     */
    documents: Record<string, SecretDocument>;
    /**
     * Entries other areas need that someone else issues (a paging service's key, a webhook URL),
     * by name, with the keys of their JSON document: each key holds a generated stand-in until an
     * operator stores the issued value.
     */
    external?: Record<string, readonly string[]>;
    /**
     * Logins careplane creates for a tool it installs (Grafana's admin), by entry name, with the user
     * name: each entry holds `{ username, password }`, the password generated here.
     */
    logins?: Record<string, string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
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
    private readonly resolveReaders: (readers: pulumi.Output<Record<string, string[]>>) => void;

    constructor(name: string, args: SecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:secrets:Secrets", name, {}, opts);
        const ctx = args.context;
        const cfg = ctx.config.secrets;
        const [readers, resolveReaders] = pulumi.deferredOutput<Record<string, string[]>>();
        this.resolveReaders = resolveReaders;
        const principals = pulumi
            .all([args.partition, args.accountId])
            .apply(([partition, accountId]) =>
                stackPrincipals({ partition, accountId, app: ctx.config.app, environment: ctx.environment }),
            );

        const generated: Record<string, { document: SecretDocument; external: boolean }> = {
            // The signing key is ours to choose: at least 64 characters [003].
            jwt: { document: { secret: generatedSecret(`${name}-jwt`, Math.max(64, 2 * cfg.length), this) }, external: false },
        };
        // Issued by someone else (the mail provider, a partner): a generated stand-in until an
        // operator stores the real value, which Pulumi then leaves alone.
        for (const entry of ["smtp", ...cfg.names]) {
            generated[entry] = { document: { value: generatedSecret(`${name}-${entry}`, cfg.length, this) }, external: true };
        }
        for (const [entry, username] of Object.entries(args.logins ?? {})) {
            generated[entry] = { document: { username, password: generatedSecret(`${name}-${entry}`, cfg.length, this) }, external: false };
        }
        for (const [entry, keys] of Object.entries(args.external ?? {})) {
            const document = Object.fromEntries(keys.map((key) => [key, generatedSecret(`${name}-${entry}-${key}`, cfg.length, this)]));
            generated[entry] = { document, external: true };
        }
        const entries = {
            ...Object.fromEntries(Object.entries(args.documents).map(([k, document]) => [k, { document, external: false }])),
            ...generated,
        };

        this.arns = {};
        this.names = {};
        for (const [entry, { document, external }] of Object.entries(entries)) {
            const physicalName = secretName(ctx, entry);
            const secret = new aws.secretsmanager.Secret(
                `${name}-${entry}`,
                {
                    name: physicalName,
                    description: `${ctx.name(entry)}: ${external ? "issued externally; store the real value with put-secret-value" : "managed by careplane"}`,
                    kmsKeyId: args.kmsKeyArn,
                    recoveryWindowInDays: cfg.recoveryWindowDays,
                    tags: ctx.tags("confidential", { SecretName: entry }),
                },
                ctx.stateful({ parent: this }),
            );
            const rotated = cfg.rotationLambdaArn !== undefined;
            const version = new aws.secretsmanager.SecretVersion(
                `${name}-${entry}`,
                { secretId: secret.id, secretString: pulumi.secret(pulumi.jsonStringify(document)) },
                // A rotated or externally issued value is newer than ours: never write it back.
                { parent: this, ignoreChanges: external || rotated ? ["secretString"] : [] },
            );
            if (rotated) {
                new aws.secretsmanager.SecretRotation(
                    `${name}-${entry}`,
                    {
                        secretId: secret.id,
                        rotationLambdaArn: cfg.rotationLambdaArn,
                        rotationRules: { automaticallyAfterDays: cfg.rotationDays },
                    },
                    { parent: this, dependsOn: [version] },
                );
            }
            // Who may read or change it: its readers (see admit), Pulumi's roles, break-glass, rotation.
            // blockPublicPolicy: Secrets Manager refuses a policy that would let anyone outside the account in.
            new aws.secretsmanager.SecretPolicy(
                `${name}-${entry}`,
                {
                    secretArn: secret.arn,
                    blockPublicPolicy: true,
                    policy: pulumi.all([principals, readers]).apply(([p, byEntry]) =>
                        JSON.stringify(
                            secretResourcePolicy({
                                readers: byEntry[physicalName] ?? [],
                                deployRole: p.deployRole,
                                driftRole: p.driftRole,
                                breakGlassRole: p.breakGlassRole,
                                rotationRole: cfg.rotationRoleArn,
                            }),
                        ),
                    ),
                },
                { parent: this },
            );
            this.arns[entry] = secret.arn;
            this.names[entry] = physicalName;
        }
        this.registerOutputs({ arns: this.arns, names: this.names });
    }

    /**
     * Names, by entry name as Secrets Manager knows it, the roles that read each entry at run time;
     * the entries' policies (written above) wait for this. Call once, after every reader exists.
     */
    admit(readers: Record<string, pulumi.Input<string>[]>): void {
        this.resolveReaders(
            pulumi.output(Object.fromEntries(Object.entries(readers).map(([entry, arns]) => [entry, pulumi.all(arns)]))) as pulumi.Output<
                Record<string, string[]>
            >,
        );
    }
}

/** `<app>/<env>/<name>` [000: caresync/prod/database]. */
export function secretName(ctx: PlatformContext, entry: string): string {
    return `${ctx.config.app}/${ctx.environment}/${entry}`;
}
