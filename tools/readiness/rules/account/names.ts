// Names AWS keeps unique per account (and region), or across all of AWS (bucket names): two stacks
// sharing an account that name a resource alike collide on the second deploy.
import { PlannedResource } from "../../../engine/plan";
import { str } from "../../context";
import { runRule } from "../../rule";
import { Finding } from "../../finding";
import { T } from "../aws";
import { byAccount, where } from "./groups";

const NAMED: Array<{ type: string; property: string; scope: "region" | "account" | "global"; awsError: string }> = [
    { type: T.bucket, property: "bucket", scope: "global", awsError: "BucketAlreadyExists / BucketAlreadyOwnedByYou" },
    { type: T.role, property: "name", scope: "account", awsError: "EntityAlreadyExists" },
    { type: T.policy, property: "name", scope: "account", awsError: "EntityAlreadyExists" },
    { type: T.logGroup, property: "name", scope: "region", awsError: "ResourceAlreadyExistsException" },
    { type: T.alias, property: "name", scope: "region", awsError: "AlreadyExistsException" },
    { type: T.secret, property: "name", scope: "region", awsError: "ResourceExistsException" },
    { type: T.rds, property: "identifier", scope: "region", awsError: "DBInstanceAlreadyExists" },
    { type: T.cache, property: "replicationGroupId", scope: "region", awsError: "ReplicationGroupAlreadyExists" },
    { type: T.vault, property: "name", scope: "region", awsError: "AlreadyExistsException" },
    { type: T.eks, property: "name", scope: "region", awsError: "ResourceInUseException" },
    { type: T.trail, property: "name", scope: "region", awsError: "TrailAlreadyExistsException" },
    {
        type: T.topic,
        property: "name",
        scope: "region",
        awsError: "none: CreateTopic returns the existing topic, which both stacks then own",
    },
];

export const namesUnique = runRule(
    {
        id: "account/names-unique",
        family: "account",
        description:
            "Resource names AWS keeps unique (per region, per account, or globally for buckets) differ across every stack of the run and within each",
        source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html",
    },
    (stacks, rule) => {
        const findings: Finding[] = [];
        for (const n of NAMED) {
            const groups =
                n.scope === "global"
                    ? new Map([["all of AWS", stacks.flatMap((ctx) => ctx.ofType(n.type).map((resource) => ({ ctx, resource })))]])
                    : byAccount(stacks, (ctx) => ctx.ofType(n.type), n.scope === "region");
            for (const [key, placed] of groups) {
                const seen = new Map<string, { stack: string; resource: PlannedResource }>();
                for (const p of placed) {
                    const name = str(p.resource.inputs[n.property]);
                    if (!name) continue;
                    const first = seen.get(name);
                    if (!first) {
                        seen.set(name, { stack: p.ctx.plan.stack, resource: p.resource });
                        continue;
                    }
                    findings.push(
                        p.ctx.finding(rule, p.resource, {
                            message: `${n.property} "${name}" is already taken in ${key === "all of AWS" ? key : where(key)} by ${first.stack}'s ${first.resource.name}`,
                            awsError: n.awsError,
                            fix: "put the stack (or the account id) in the name",
                        }),
                    );
                }
            }
        }
        return findings;
    },
);
