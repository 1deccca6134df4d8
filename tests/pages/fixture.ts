// A hand-made plan with every kind of resource the picture knows, written the way the mock
// engine records them (outputs read back as `<name>-id` and mock ARNs), with a DR region
// behind a second AWS provider.
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { fixturePlan, tagsFor } from "../support/engine";

const ACCOUNT = "123456789012";
const arn = (service: string, resource: string, name: string, region = "us-east-1") =>
    `arn:aws:${service}:${region}:${ACCOUNT}:${resource}/${name}`;
const tags = (extra: Record<string, string> = {}) => ({ ...tagsFor("prod"), ...extra });

type Spec = { type: string; name: string; inputs: Record<string, unknown>; deps?: string[]; provider?: string; custom?: boolean };

const specs: Spec[] = [
    { type: "pulumi:providers:aws", name: "dr", inputs: { region: "us-west-2" } },
    { type: "aws:ec2/vpc:Vpc", name: "vpc", inputs: { cidrBlock: "10.0.0.0/16", tags: tags({ Name: "care-vpc" }) } },
    { type: "aws:ec2/flowLog:FlowLog", name: "flow", inputs: { vpcId: "vpc-id", trafficType: "ALL" }, deps: ["vpc"] },
    ...["a", "b"].flatMap((zone, i) =>
        (["public", "app", "data"] as const).map((tier, t) => ({
            type: "aws:ec2/subnet:Subnet",
            name: `${tier}-${i}`,
            inputs: {
                vpcId: "vpc-id",
                availabilityZone: `us-east-1${zone}`,
                cidrBlock: `10.0.${t * 16 + i}.0/24`,
                tags: tags({ Tier: tier }),
            },
            deps: ["vpc"],
        })),
    ),
    { type: "aws:ec2/internetGateway:InternetGateway", name: "igw", inputs: { vpcId: "vpc-id" }, deps: ["vpc"] },
    { type: "aws:ec2/natGateway:NatGateway", name: "nat-0", inputs: { subnetId: "public-0-id" }, deps: ["public-0"] },
    { type: "aws:ec2/securityGroup:SecurityGroup", name: "app", inputs: { vpcId: "vpc-id", description: "workloads" }, deps: ["vpc"] },
    {
        type: "aws:ec2/securityGroup:SecurityGroup",
        name: "db",
        inputs: { vpcId: "vpc-id", ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: ["app-id"] }] },
        deps: ["vpc", "app"],
    },
    { type: "aws:ec2/securityGroup:SecurityGroup", name: "cache", inputs: { vpcId: "vpc-id" }, deps: ["vpc"] },
    {
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        name: "cache-from-app",
        inputs: { securityGroupId: "cache-id", referencedSecurityGroupId: "app-id", ipProtocol: "tcp", fromPort: 6379, toPort: 6379 },
        deps: ["cache", "app"],
    },
    {
        type: "aws:eks/cluster:Cluster",
        name: "eks",
        inputs: {
            name: "care-eks",
            version: "1.31",
            vpcConfig: { endpointPublicAccess: false, securityGroupIds: ["app-id"] },
            tags: tags(),
        },
        deps: ["app"],
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        name: "nodes",
        inputs: { vpcSecurityGroupIds: ["app-id"], metadataOptions: { httpTokens: "required" } },
        deps: ["app"],
    },
    {
        type: "aws:eks/nodeGroup:NodeGroup",
        name: "general",
        inputs: {
            clusterName: "care-eks",
            instanceTypes: ["t3.large"],
            scalingConfig: { desiredSize: 6, minSize: 3, maxSize: 12 },
            launchTemplate: { id: "nodes-id" },
        },
        deps: ["eks", "nodes"],
    },
    ...["web", "api"].map((app) => ({
        type: "kubernetes:apps/v1:Deployment",
        name: app,
        inputs: {
            metadata: { name: app, namespace: "caresync" },
            spec: { replicas: 3, template: { spec: { containers: [{ image: `registry/caresync-${app}:1.4.2` }] } } },
        },
    })),
    {
        type: "aws:rds/instance:Instance",
        name: "db",
        inputs: {
            identifier: "care-db",
            engine: "postgres",
            engineVersion: "16.4",
            instanceClass: "db.r6g.xlarge",
            multiAz: true,
            vpcSecurityGroupIds: ["db-id"],
            backupRetentionPeriod: 35,
            tags: tags({ Backup: "true" }),
        },
        deps: ["db"],
    },
    {
        type: "aws:rds/instance:Instance",
        name: "db-replica-0",
        inputs: {
            identifier: "care-db-replica-0",
            replicateSourceDb: "care-db",
            instanceClass: "db.r6g.xlarge",
            vpcSecurityGroupIds: ["db-id"],
            tags: tags(),
        },
        deps: ["db"],
    },
    {
        type: "aws:elasticache/replicationGroup:ReplicationGroup",
        name: "cache",
        inputs: {
            replicationGroupId: "care-cache",
            engine: "redis",
            engineVersion: "7.1",
            nodeType: "cache.r6g.large",
            numNodeGroups: 3,
            replicasPerNodeGroup: 1,
            securityGroupIds: ["cache-id"],
            snapshotRetentionLimit: 15,
        },
        deps: ["cache"],
    },
    { type: "aws:s3/bucket:Bucket", name: "backups", inputs: { bucket: "care-backups", objectLockEnabled: true, tags: tags() } },
    { type: "aws:s3/bucket:Bucket", name: "backups-dr", inputs: { bucket: "care-backups-dr", tags: tags() }, provider: "dr" },
    {
        type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
        name: "backups",
        inputs: { bucket: "backups-id", rule: { defaultRetention: { mode: "COMPLIANCE", years: 7 } } },
        deps: ["backups"],
    },
    {
        type: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        name: "backups",
        inputs: {
            bucket: "backups-id",
            rules: [{ status: "Enabled", destination: { bucket: arn("s3", "bucket", "backups-dr", "us-west-2") } }],
        },
        deps: ["backups", "backups-dr"],
    },
    { type: "aws:backup/vault:Vault", name: "vault", inputs: { name: "care-vault", tags: tags() } },
    { type: "aws:backup/vault:Vault", name: "vault-dr", inputs: { name: "care-vault-dr", tags: tags() }, provider: "dr" },
    {
        type: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
        name: "vault",
        inputs: { backupVaultName: "care-vault", minRetentionDays: 30, maxRetentionDays: 2557 },
        deps: ["vault"],
    },
    {
        type: "aws:backup/plan:Plan",
        name: "plan",
        inputs: {
            name: "care-plan",
            rules: [
                {
                    ruleName: "hourly",
                    schedule: "cron(0 * ? * * *)",
                    targetVaultName: "care-vault",
                    lifecycle: { deleteAfter: 35 },
                    enableContinuousBackup: true,
                },
                {
                    ruleName: "daily",
                    schedule: "cron(0 5 ? * * *)",
                    targetVaultName: "care-vault",
                    lifecycle: { deleteAfter: 30 },
                    copyActions: [{ destinationVaultArn: arn("backup", "vault", "vault-dr", "us-west-2"), lifecycle: { deleteAfter: 30 } }],
                },
            ],
            tags: tags(),
        },
        deps: ["vault", "vault-dr"],
    },
    {
        type: "aws:backup/selection:Selection",
        name: "phi",
        inputs: { planId: "plan-id", selectionTags: [{ type: "STRINGEQUALS", key: "Backup", value: "true" }] },
        deps: ["plan"],
    },
    { type: "aws:kms/key:Key", name: "data", inputs: { enableKeyRotation: true, tags: tags() } },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        name: "app-logs",
        inputs: { name: "/care/app", retentionInDays: 30, kmsKeyId: arn("kms", "key", "data"), tags: tags() },
    },
    {
        type: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
        name: "alerts",
        inputs: {
            metadata: { name: "caresync-alerts" },
            spec: {
                groups: [
                    {
                        name: "caresync",
                        rules: [
                            {
                                alert: "ApiDown",
                                expr: 'up{job="api"} == 0',
                                for: "1m",
                                labels: { severity: "critical" },
                                annotations: { summary: "API is down" },
                            },
                            {
                                alert: "HighCpu",
                                expr: "cpu > 0.8",
                                for: "10m",
                                labels: { severity: "medium" },
                                annotations: { summary: "CPU above 80 %" },
                            },
                        ],
                    },
                ],
            },
        },
    },
    {
        type: "kubernetes:monitoring.coreos.com/v1alpha1:AlertmanagerConfig",
        name: "routing",
        inputs: {
            spec: {
                route: { receiver: "slack", routes: [{ matchers: [{ name: "severity", value: "critical" }], receiver: "pagerduty" }] },
                receivers: [
                    { name: "pagerduty", pagerdutyConfigs: [{ routingKey: "[secret]" }] },
                    { name: "slack", slackConfigs: [{ channel: "#alerts" }] },
                ],
            },
        },
    },
];

/** The kitchen-sink plan: `prod` in us-east-1, with a DR region us-west-2. */
export function kitchenSinkPlan(): Plan {
    const urnOf = (name: string, type: string) => `urn:pulumi:prod::careplane::${type}::${name}`;
    const byName = new Map<string, Spec[]>();
    for (const s of specs) byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    const resources: Array<Partial<PlannedResource> & { type: string; name: string }> = specs.map((s) => ({
        type: s.type,
        name: s.name,
        inputs: s.inputs,
        provider: s.provider ? urnOf(s.provider, "pulumi:providers:aws") : "",
        dependencies: (s.deps ?? []).flatMap((d) => (byName.get(d) ?? []).filter((x) => x !== s).map((x) => urnOf(x.name, x.type))),
    }));
    return fixturePlan(resources, "prod");
}
