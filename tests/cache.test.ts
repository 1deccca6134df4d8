import { expect } from "chai";
import { profiles } from "../components/config/profiles";

import { cacheSnapshotRetentionDays } from "../policies/lib/minimums";
import { selects } from "./support/resources";
import { parseStackConfig } from "../components/config/stack-config";
import { ELASTICACHE_RESTRICTED_COMMANDS } from "../components/data/cache";
import { Plan, PlannedResource } from "../tools/engine/plan";
import { byName, dataSubnetIds, EVERYTHING_ON, keyArn, rejection as rejectionOf, tagsOf } from "./support/data-tier";
import { ofType, planOf, stackFile, STACKS, onEcs } from "./support/engine";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const groupOf = async (stack: string, overrides: Record<string, unknown> = {}) => {
    const plan = await planOf(stack, overrides);
    const [group, ...rest] = ofType(plan, GROUP);
    expect(rest).to.have.length(0);
    return { plan, group };
};
/** The layout each stack file asks for: prod runs cluster mode with 3 shards [002]. */
const expected = {
    dev: { multiAz: false, clusterMode: false, shards: 1, replicasPerShard: 0, minSnapshotDays: 1 },
    test: { multiAz: false, clusterMode: false, shards: 1, replicasPerShard: 0, minSnapshotDays: 1 },
    staging: { multiAz: true, clusterMode: false, shards: 1, replicasPerShard: 1, minSnapshotDays: 1 },
    prod: { multiAz: true, clusterMode: true, shards: 3, replicasPerShard: 2, minSnapshotDays: 15 },
} as const;

const rejection = (stack: string, cache: Record<string, unknown>) => rejectionOf(stack, "cache", cache);

const USER = "aws:elasticache/user:User";
const USER_GROUP = "aws:elasticache/userGroup:UserGroup";
/** The users of the stack's one user group (by the user IDs it lists). */
const usersOf = (plan: Plan) => {
    const [userGroup] = ofType(plan, USER_GROUP);
    const users = ofType(plan, USER);
    const ids = userGroup.propertyDependencies.userIds;
    expect(ids.length, "the user group lists every user").to.equal(users.length);
    return users.filter((u) => ids.includes(u.urn));
};
/** The RandomPassword a user authenticates with. */
const passwordOf = (user: PlannedResource) => {
    const [password] = user.propertyDependencies.authenticationMode.filter((urn) => urn.includes("RandomPassword"));
    return password;
};
/** The services of a stack file that list a secret. */
const listing = (stack: string, secret: string) => {
    const file = stackFile(stack);
    return Object.entries(parseStackConfig(file.config, file.file).services)
        .filter(([, svc]) => svc.secrets.includes(secret))
        .map(([name]) => name);
};

describe("cache", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            const want = expected[stack];

            it("runs Redis 7 in a replication group", async () => {
                const { group } = await groupOf(stack);
                expect(group.inputs.engine).to.equal("redis");
                expect(group.inputs.engineVersion).to.match(/^7(\.|$)/);
            });

            it(
                want.clusterMode
                    ? `shards over ${want.shards} node groups with ${want.replicasPerShard} replicas each`
                    : `runs one primary and ${want.replicasPerShard} replica(s), cluster mode off`,
                async () => {
                    const { plan, group } = await groupOf(stack);
                    const params = ofType(plan, "aws:elasticache/parameterGroup:ParameterGroup")[0].inputs.parameters as Array<{
                        name: string;
                        value: string;
                    }>;
                    const clusterEnabled = params.find((p) => p.name === "cluster-enabled")!.value;
                    if (want.clusterMode) {
                        expect(group.inputs).to.include({
                            clusterMode: "enabled",
                            numNodeGroups: want.shards,
                            replicasPerNodeGroup: want.replicasPerShard,
                        });
                        expect(group.inputs).not.to.have.property("numCacheClusters");
                        expect(clusterEnabled).to.equal("yes");
                    } else {
                        expect(group.inputs).to.include({ clusterMode: "disabled", numCacheClusters: 1 + want.replicasPerShard });
                        expect(group.inputs).not.to.have.property("numNodeGroups");
                        expect(clusterEnabled).to.equal("no");
                    }
                },
            );

            it(`${want.multiAz ? "fails over automatically across AZs" : "runs without Multi-AZ"}`, async () => {
                const { group } = await groupOf(stack);
                expect(group.inputs.multiAzEnabled).to.equal(want.multiAz);
                expect(group.inputs.automaticFailoverEnabled).to.equal(want.multiAz || want.clusterMode);
            });

            it("requires TLS and RBAC users (no shared AUTH token), and encrypts at rest with the data key", async () => {
                const { plan, group } = await groupOf(stack);
                expect(group.inputs).to.include({
                    transitEncryptionEnabled: true,
                    transitEncryptionMode: "required",
                    atRestEncryptionEnabled: true,
                    kmsKeyId: keyArn(plan, "data"),
                });
                expect(group.inputs).not.to.have.property("authToken");
                const [userGroup] = ofType(plan, USER_GROUP);
                expect(group.inputs.userGroupIds).to.deep.equal([userGroup.inputs.userGroupId]);
                expect(group.dependencies).to.include(userGroup.urn);
                // RBAC needs Redis 6 or newer (ElastiCache user guide, RBAC).
                expect(Number(String(group.inputs.engineVersion).split(".")[0])).to.be.at.least(6);
            });

            it("replaces the default user with one that is switched off", async () => {
                const users = usersOf(await planOf(stack));
                const defaults = users.filter((u) => u.inputs.userName === "default");
                expect(defaults).to.have.length(1);
                expect(defaults[0].inputs.accessString).to.match(/^off /);
                expect(defaults[0].inputs.userId).to.not.equal("default");
            });

            it("gives every service that reads `redis` a user of its own, limited to its key prefix, in its own entry", async () => {
                const plan = await planOf(stack);
                const users = usersOf(plan);
                const services = listing(stack, "redis");
                expect(services.length).to.be.greaterThan(0);
                const entries = ofType(plan, "aws:secretsmanager/secret:Secret").map((e) => e.inputs.name);
                for (const service of services) {
                    const user = users.find((u) => u.inputs.userName === service);
                    expect(user, service).to.not.equal(undefined);
                    const rules = String(user!.inputs.accessString).split(" ");
                    expect(rules[0]).to.equal("on");
                    expect(rules.filter((r) => r.startsWith("~") || r.startsWith("%"))).to.deep.equal([`~${service}:*`]);
                    expect(rules.filter((r) => r.startsWith("&"))).to.deep.equal([`&${service}:*`]);
                    expect(rules).to.include.members(["-@dangerous", "-scan"]);
                    expect(entries).to.include(`caresync/${stack}/${service}/redis`);
                    // Its entry carries its own password, the one its user authenticates with, and no other user's.
                    const version = byName(plan, "aws:secretsmanager/secretVersion:SecretVersion", `secrets-${service}/redis`);
                    const password = passwordOf(user!);
                    expect(version.propertyDependencies.secretString).to.include(password);
                    expect(users.filter((u) => passwordOf(u) === password)).to.have.length(1);
                }
                expect(entries).not.to.include(`caresync/${stack}/redis`);
            });

            it("lets redis_exporter read server statistics only: no key, no channel, no write", async () => {
                const plan = await planOf(stack);
                const exporter = usersOf(plan).find((u) => u.inputs.userName === "redis-exporter")!;
                const rules = String(exporter.inputs.accessString).split(" ");
                expect(rules.slice(0, 2)).to.deep.equal(["on", "-@all"]);
                expect(rules.filter((r) => /^[~%&]|allkeys|allchannels|^\+@/.test(r))).to.deep.equal([]);
                expect(rules).to.include.members(["+ping", "+info"]);
                const version = byName(plan, "aws:secretsmanager/secretVersion:SecretVersion", "secrets-redis-monitoring");
                expect(version.propertyDependencies.secretString).to.include(passwordOf(exporter));
            });

            it("writes every access string as ElastiCache takes it: on or off first, no reset, no restricted command", async () => {
                for (const user of usersOf(await planOf(stack))) {
                    const rules = String(user.inputs.accessString).split(" ");
                    expect(["on", "off"], user.name).to.include(rules[0]);
                    expect(rules, user.name).not.to.include("reset");
                    const commands = rules.filter((r) => /^[+-][a-z]/.test(r)).map((r) => r.slice(1).split("|")[0]);
                    for (const restricted of ELASTICACHE_RESTRICTED_COMMANDS) expect(commands, user.name).not.to.include(restricted);
                    expect(user.inputs.authenticationMode).to.deep.equal({ type: "password", passwords: ["[secret]"] });
                }
            });

            it("evicts with allkeys-lru [003]", async () => {
                const { plan, group } = await groupOf(stack);
                const [params] = ofType(plan, "aws:elasticache/parameterGroup:ParameterGroup");
                expect(params.inputs.family).to.equal("redis7");
                expect(params.inputs.parameters).to.deep.include({ name: "maxmemory-policy", value: "allkeys-lru" });
                expect(group.inputs.parameterGroupName).to.equal(params.inputs.name);
            });

            it("admits 6379 only from the Redis clients group, inside the isolated data subnets", async () => {
                const { plan, group } = await groupOf(stack);
                const [sg] = ofType(plan, "aws:ec2/securityGroup:SecurityGroup").filter((s) => s.name === "cache");
                expect(sg.inputs.ingress).to.deep.equal([
                    {
                        protocol: "tcp",
                        fromPort: 6379,
                        toPort: 6379,
                        securityGroups: ["network-redis-clients-id"],
                        description: "Redis from the Redis clients group",
                    },
                ]);
                expect(group.inputs.securityGroupIds).to.deep.equal([`${sg.name}-id`]);
                const [subnetGroup] = ofType(plan, "aws:elasticache/subnetGroup:SubnetGroup");
                expect(subnetGroup.inputs.subnetIds).to.have.members(dataSubnetIds(plan));
                expect(group.inputs.subnetGroupName).to.equal(subnetGroup.inputs.name);
            });

            it("delivers the slow log to an encrypted log group with retention", async () => {
                const { plan, group } = await groupOf(stack);
                const [delivery] = group.inputs.logDeliveryConfigurations as Array<Record<string, string>>;
                expect(delivery).to.include({ destinationType: "cloudwatch-logs", logType: "slow-log" });
                const logGroup = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === delivery.destination)!;
                expect(logGroup.inputs.retentionInDays).to.equal(profiles[stack].logRetentionDays);
                expect(logGroup.inputs.kmsKeyId).to.equal(keyArn(plan, "logs"));
            });

            it(`backs itself up with daily automatic snapshots kept at least ${want.minSnapshotDays} days, in a window apart from Sunday's maintenance`, async () => {
                const { group } = await groupOf(stack);
                expect(group.inputs.snapshotRetentionLimit).to.be.at.least(want.minSnapshotDays);
                expect(group.inputs.snapshotWindow).to.equal("00:00-01:00");
                expect(group.inputs.maintenanceWindow).to.equal("sun:02:00-sun:04:00");
            });

            it("is PHI, protected in prod, and left out of AWS Backup (which does not back up ElastiCache)", async () => {
                const { plan, group } = await groupOf(stack);
                expect(tagsOf(group)).to.include({ DataClassification: "phi", Environment: stack });
                expect(tagsOf(group)).not.to.have.property("Backup");
                expect(group.protect).to.equal(stack === "prod");
                const [selection] = ofType(plan, "aws:backup/selection:Selection");
                expect(selects(selection, tagsOf(group)), "the stack's backup selection").to.equal(false);
            });
        });
    }

    it("creates no redis_exporter user on ECS, where no redis_exporter runs", async () => {
        const plan = await planOf("dev", onEcs("dev", "arn:aws:acm:us-east-1:123456789012:certificate/ecs-dev"));
        expect(usersOf(plan).map((u) => u.inputs.userName)).not.to.include("redis-exporter");
        expect(ofType(plan, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name)).not.to.include("caresync/dev/redis-monitoring");
    });

    it("runs cluster mode with the shards a stack asks for", async () => {
        const { group } = await groupOf("prod", EVERYTHING_ON); // 4 shards, 1 replica each
        expect(group.inputs).to.include({ clusterMode: "enabled", numNodeGroups: 4, replicasPerNodeGroup: 1 });
    });

    describe("config that would weaken a stack is rejected with one line", () => {
        it("Multi-AZ off in prod", () => {
            expect(rejection("prod", { multiAz: false })).to.equal(
                "Pulumi.prod.yaml: careplane:cache.multiAz = false is not allowed: prod runs the cache Multi-AZ with automatic failover; only true is allowed",
            );
        });

        it("no snapshots at all, even in dev: they are the cache's only backups", () => {
            expect(rejection("dev", { snapshotRetentionDays: 0 })).to.equal(
                "Pulumi.dev.yaml: careplane:cache.snapshotRetentionDays = 0 is not allowed: dev keeps cache snapshots at least 1 days; use an integer from 1 to 35",
            );
        });

        it("floors no lower than the pack's snapshot-retention control asks, in every environment", () => {
            for (const env of STACKS)
                expect(profiles[env].cache.snapshotRetentionDays.minimum, env).to.be.at.least(cacheSnapshotRetentionDays[env]);
        });

        it("prod snapshots kept fewer than 15 days", () => {
            expect(rejection("prod", { snapshotRetentionDays: 14 })).to.equal(
                "Pulumi.prod.yaml: careplane:cache.snapshotRetentionDays = 14 is not allowed: prod keeps cache snapshots at least 15 days; use an integer from 15 to 35",
            );
        });

        it("no replica to fail over to in staging", () => {
            expect(rejection("staging", { replicasPerShard: 0 })).to.equal(
                "Pulumi.staging.yaml: careplane:cache.replicasPerShard = 0 is not allowed: staging fails over to a replica in another AZ; use an integer from 1 to 5",
            );
        });

        it("shards without cluster mode", () => {
            expect(rejection("dev", { shards: 3 })).to.equal(
                "Pulumi.dev.yaml: careplane:cache.shards = 3 is not allowed: more than one shard needs clusterMode: true",
            );
        });

        it("a Redis other than 7", () => {
            expect(rejection("dev", { engineVersion: "6.2" })).to.equal(
                'Pulumi.dev.yaml: careplane:cache.engineVersion = "6.2" is not allowed: expected a Redis 7 version such as 7.1',
            );
        });
    });
});
