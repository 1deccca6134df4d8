import * as pulumi from "@pulumi/pulumi";

/**
 * PostgreSQL logins rotate with AWS's published templates (Secrets Manager user guide, "Rotation function
 * templates"), deployed from the Serverless Application Repository:
 * - `alternating-users` (SecretsManagerRDSPostgreSQLRotationMultiUser): the first rotation logs in with the
 *   master secret, creates `<login>_clone` as a member of the login (so it holds exactly its rights) and
 *   makes it current; later rotations alternate, changing the password of the login not in use. The login
 *   a running service holds keeps working until the rotation after next: no downtime.
 * - `single-user` (SecretsManagerRDSPostgreSQLRotationSingleUser): the login changes its own password. For
 *   the migration owner, which owns the schema: a clone would own the tables it creates, outside the
 *   default privileges and object auditing that name the owner. Migrations are short jobs that read the
 *   entry when they start.
 */
export type PostgresRotation = {
    kind: "postgres";
    /** The functions' security group, which the database's admits on 5432. */
    securityGroupId: pulumi.Input<string>;
    /** What must exist before the first rotation: the login itself. */
    after: pulumi.Resource[];
} & (
    | {
          strategy: "alternating-users";
          /** The RDS-managed master secret of the instance the login lives on: the template logs in with it. */
          masterSecretArn: pulumi.Input<string>;
      }
    | { strategy: "single-user" }
);

/** An ElastiCache RBAC user (ElastiCache user guide, "Automatically rotating passwords for users"). */
export interface RedisUserRotation {
    kind: "redis-user";
    userId: pulumi.Input<string>;
    userArn: pulumi.Input<string>;
    after: pulumi.Resource[];
}

/**
 * How one Secrets Manager entry rotates: every value careplane generates rotates automatically, at least
 * every `careplane:secrets.rotationDays` (90 [004]); a value a partner issues cannot be, so its age is
 * watched instead (`partner`). docs/data.md, "Rotation", says why each entry rotates the way it does.
 */
export type RotationSpec =
    | PostgresRotation
    | RedisUserRotation
    /** The JWT signing key: careplane's own function, with the next key published one period ahead. */
    | { kind: "signing-key" }
    /** A login careplane generates for a tool it installs (Grafana's admin): a new password each time. */
    | { kind: "password" }
    /** Issued by someone else and stored by the on-call owner: an alarm when older than the rotation period. */
    | { kind: "partner" };

/** The entry's `Rotation` tag: how it rotates, for whoever reads the console; the pack reads `partner`. */
export function rotationTag(spec: RotationSpec): string {
    return spec.kind === "postgres" ? `postgres-${spec.strategy}` : spec.kind;
}
