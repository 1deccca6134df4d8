// An engine version and the parameter group family it accepts.
import { ReadinessContext, str } from "../../context";
import { stackRule } from "../../rule";
import { RuleInfo } from "../../finding";
import { T } from "../aws";

/** RDS: `postgres` 16.x takes family `postgres16` (major versions 10 and later; 9.x took `postgres9.6`). */
export function rdsFamily(engine: string, version: string): string | undefined {
    if (engine !== "postgres") return undefined;
    const [major, minor] = version.split(".");
    return Number(major) >= 10 ? `postgres${major}` : minor ? `postgres${major}.${minor}` : undefined;
}

/** ElastiCache: Redis OSS 7.x takes `redis7`, 6.x `redis6.x`, 5.0.x `redis5.0`; Valkey 7.2 `valkey7`, 8.x `valkey8`. */
export function cacheFamily(engine: string, version: string): string | undefined {
    const [major, minor] = version.split(".");
    if (engine === "redis") {
        if (Number(major) >= 7) return `redis${major}`;
        if (major === "6") return "redis6.x";
        return minor ? `redis${major}.${minor}` : undefined;
    }
    if (engine === "valkey") return `valkey${major}`;
    return undefined;
}

function check(
    ctx: ReadinessContext,
    rule: RuleInfo,
    type: string,
    groupType: string,
    family: (engine: string, version: string) => string | undefined,
) {
    return ctx.ofType(type).flatMap((db) => {
        const engine = str(db.inputs.engine);
        const version = str(db.inputs.engineVersion);
        const group = ctx.referenced(db, "parameterGroupName", groupType);
        const wanted = engine && version ? family(engine, version) : undefined;
        const actual = str(group?.inputs.family);
        if (!wanted || !actual || wanted === actual) return [];
        return [
            ctx.finding(rule, db, {
                message: `${engine} ${version} takes a ${wanted} parameter group; ${str(group!.inputs.name) ?? group!.name} is ${actual}`,
                awsError: "InvalidParameterCombination",
                fix: `create the parameter group with family ${wanted} (and name it after the family, so an upgrade replaces it)`,
            }),
        ];
    });
}

export const rdsParameterGroupFamily = stackRule(
    {
        id: "constraints/rds-parameter-group-family",
        family: "constraints",
        description: "An RDS instance's parameter group family matches its engine's major version",
        source: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html",
    },
    (ctx, rule) => check(ctx, rule, T.rds, T.rdsParameterGroup, rdsFamily),
);

export const cacheParameterGroupFamily = stackRule(
    {
        id: "constraints/elasticache-parameter-group-family",
        family: "constraints",
        description: "A replication group's parameter group family matches its engine version",
        source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html",
    },
    (ctx, rule) => check(ctx, rule, T.cache, T.cacheParameterGroup, cacheFamily),
);
