import { expect } from "chai";
import { profiles } from "../components/config/profiles";
import { dataSubnetIds, EVERYTHING_ON, keyArn, rejection as rejectionOf, tagsOf } from "./support/data-tier";
import { ofType, planOf, STACKS } from "./support/engine";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";
const groupOf = async (stack: string, overrides: Record<string, unknown> = {}) => {
    const plan = await planOf(stack, overrides);
    const [group, ...rest] = ofType(plan, GROUP);
    expect(rest).to.have.length(0);
    return { plan, group };
};
/** The layout each stack file asks for: prod runs cluster mode with 3 shards [002]. */
const expected = {
    dev: { multiAz: false, clusterMode: false, shards: 1, replicasPerShard: 0, minSnapshotDays: 0 },
    test: { multiAz: false, clusterMode: false, shards: 1, replicasPerShard: 0, minSnapshotDays: 0 },
    staging: { multiAz: true, clusterMode: false, shards: 1, replicasPerShard: 1, minSnapshotDays: 1 },
    prod: { multiAz: true, clusterMode: true, shards: 3, replicasPerShard: 2, minSnapshotDays: 15 },
} as const;

const rejection = (stack: string, cache: Record<string, unknown>) => rejectionOf(stack, "cache", cache);

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

            it("requires TLS and a masked AUTH token, and encrypts at rest with the data key", async () => {
                const { plan, group } = await groupOf(stack);
                expect(group.inputs).to.include({
                    transitEncryptionEnabled: true,
                    transitEncryptionMode: "required",
                    authToken: "[secret]",
                    atRestEncryptionEnabled: true,
                    kmsKeyId: keyArn(plan, "data"),
                });
            });

            it("evicts with allkeys-lru [003]", async () => {
                const { plan, group } = await groupOf(stack);
                const [params] = ofType(plan, "aws:elasticache/parameterGroup:ParameterGroup");
                expect(params.inputs.family).to.equal("redis7");
                expect(params.inputs.parameters).to.deep.include({ name: "maxmemory-policy", value: "allkeys-lru" });
                expect(group.inputs.parameterGroupName).to.equal(params.inputs.name);
            });

            it("admits 6379 only from the application tier, inside the isolated data subnets", async () => {
                const { plan, group } = await groupOf(stack);
                const [sg] = ofType(plan, "aws:ec2/securityGroup:SecurityGroup").filter((s) => s.name === "cache");
                expect(sg.inputs.ingress).to.deep.equal([
                    {
                        protocol: "tcp",
                        fromPort: 6379,
                        toPort: 6379,
                        securityGroups: ["network-app-id"],
                        description: "Redis from the application tier",
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

            it(`keeps snapshots at least ${want.minSnapshotDays} days, with a Sunday maintenance window`, async () => {
                const { group } = await groupOf(stack);
                expect(group.inputs.snapshotRetentionLimit).to.be.at.least(want.minSnapshotDays);
                expect(group.inputs.maintenanceWindow).to.equal("sun:02:00-sun:04:00");
            });

            it("is tagged as PHI for AWS Backup's selection, and protected in prod", async () => {
                const { group } = await groupOf(stack);
                expect(tagsOf(group)).to.include({ DataClassification: "phi", Backup: "true", Environment: stack });
                expect(group.protect).to.equal(stack === "prod");
            });
        });
    }

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
