import { z } from "zod";
import { Environment, EnvironmentProfile } from "../profiles";
import { dailyWindow, weeklyWindow } from "./database";
import { atLeastProfile, retentionDays } from "./refinements";

export function cacheSchema(profile: EnvironmentProfile, env: Environment) {
    const minReplicas = profile.multiAz ? 1 : 0;
    const snapshots = profile.cache.snapshotRetentionDays;
    return z
        .strictObject(
            {
                engineVersion: z
                    .string({ error: "expected a Redis 7 version such as 7.1" })
                    .regex(/^7(\.\d+)?$/, { error: "expected a Redis 7 version such as 7.1" })
                    .default("7.1"),
                nodeType: z
                    .string({ error: "expected an ElastiCache node type such as cache.r6g.large" })
                    .regex(/^cache\.[a-z0-9-]+\.[a-z0-9]+$/, { error: "expected an ElastiCache node type such as cache.r6g.large" })
                    .default(profile.cache.nodeType),
                /** Cluster mode spreads keys over `shards` node groups [002: 3 shards]. */
                clusterMode: z.boolean({ error: "expected true or false" }).default(false),
                shards: z
                    .number({ error: "expected an integer number of shards from 1 to 90" })
                    .int({ error: "expected an integer number of shards from 1 to 90" })
                    .min(1, { error: "expected an integer number of shards from 1 to 90" })
                    .max(90, { error: "expected an integer number of shards from 1 to 90" })
                    .default(1),
                replicasPerShard: z
                    .number({ error: `expected an integer number of replicas from ${minReplicas} to 5` })
                    .int({ error: `expected an integer number of replicas from ${minReplicas} to 5` })
                    .min(minReplicas, {
                        error:
                            minReplicas === 0
                                ? "expected an integer number of replicas from 0 to 5"
                                : `${env} fails over to a replica in another AZ; use an integer from ${minReplicas} to 5`,
                    })
                    .max(5, { error: `expected an integer number of replicas from ${minReplicas} to 5` })
                    .default(profile.cache.replicasPerShard),
                multiAz: z
                    .boolean({ error: "expected true or false" })
                    .refine(
                        atLeastProfile(profile.multiAz, (v: boolean) => v),
                        { error: `${env} runs the cache Multi-AZ with automatic failover; only true is allowed` },
                    )
                    .default(profile.multiAz),
                snapshotRetentionDays: z
                    .number({ error: `expected an integer number of days from ${snapshots.minimum} to 35` })
                    .int({ error: `expected an integer number of days from ${snapshots.minimum} to 35` })
                    .min(snapshots.minimum, {
                        error: `${env} keeps cache snapshots at least ${snapshots.minimum} days; use an integer from ${snapshots.minimum} to 35`,
                    })
                    .max(35, { error: `expected an integer number of days from ${snapshots.minimum} to 35` })
                    .default(snapshots.default),
                snapshotWindow: dailyWindow.default("00:00-01:00"),
                maintenanceWindow: weeklyWindow.default("sun:02:00-sun:04:00"),
                slowLogRetentionDays: retentionDays(profile.logRetentionDays, env, "cache slow logs"),
            },
            { error: "expected a mapping of cache settings" },
        )
        .refine((c) => c.clusterMode || c.shards === 1, {
            error: "more than one shard needs clusterMode: true",
            path: ["shards"],
        })
        .refine((c) => !c.multiAz || c.replicasPerShard >= 1, {
            error: "Multi-AZ needs a replica to fail over to; use an integer from 1 to 5",
            path: ["replicasPerShard"],
        });
}

export type CacheConfig = z.output<ReturnType<typeof cacheSchema>>;
