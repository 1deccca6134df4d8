// The mutation suite: every mutation, applied to a copy of a real stack's plan, must be caught
// by a new mandatory violation from the control named. The kill rate is printed; it must be 100 %.
import { expect } from "chai";
import { controls } from "../policies/pack";
import { Violation } from "../tools/engine/analyzer";
import { Plan } from "../tools/engine/plan";
import { EVERYTHING_ON } from "./support/data-tier";
import { onEcs, planOf, violationsOf } from "./support/engine";
import { principalMutations } from "./mutations/principals";
import { byName, container, editContainers, Mutation, one, podSpec, remove } from "./support/mutations";

const KEY = "aws:kms/key:Key";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SUBNET = "aws:ec2/subnet:Subnet";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const HPA = "kubernetes:autoscaling/v2:HorizontalPodAutoscaler";
const INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const TASK = "aws:ecs/taskDefinition:TaskDefinition";
const RDS = "aws:rds/instance:Instance";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";
const SECRET = "aws:secretsmanager/secret:Secret";
const REDIS_USER = "aws:elasticache/user:User";
const primary = (r: { name: string }) => r.name === "database";
const analytics = (r: { name: string }) => r.name === "database-analytics";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const GUARDDUTY_FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const LISTENER = "aws:lb/listener:Listener";
const BACKUP_PLAN = "aws:backup/plan:Plan";
const VAULT_LOCK = "aws:backup/vaultLockConfiguration:VaultLockConfiguration";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const ECS = onEcs("staging");
const ROLE = "aws:iam/role:Role";
const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
/** Edits a resource's JSON policy document (`policy` input) in place. */
const editPolicy = (r: { inputs: Record<string, unknown> }, edit: (doc: any) => void) => {
    const doc = JSON.parse(r.inputs.policy as string);
    edit(doc);
    r.inputs.policy = JSON.stringify(doc);
};
/** Edits a role's trust policy in place. */
const editTrust = (r: { inputs: Record<string, unknown> }, edit: (doc: any) => void) => {
    const doc = JSON.parse(r.inputs.assumeRolePolicy as string);
    edit(doc);
    r.inputs.assumeRolePolicy = JSON.stringify(doc);
};
const annotate = (p: Plan, key: string, value: string | undefined) => {
    const a = (one(p, INGRESS).inputs as any).metadata.annotations;
    if (value === undefined) delete a[`alb.ingress.kubernetes.io/${key}`];
    else a[`alb.ingress.kubernetes.io/${key}`] = value;
};

export const mutations: Mutation[] = [
    // Alert routes.
    {
        what: "drop the guardrails of the alarms' Slack channel (Chatbot then applies AdministratorAccess)",
        stack: "prod",
        caughtBy: "careplane-chatbot-channel-guarded",
        apply: (p) => delete (one(p, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").inputs as any).guardrailPolicyArns,
    },
    {
        what: "let every member of the alarms' Slack channel act as its role",
        stack: "prod",
        caughtBy: "careplane-chatbot-channel-guarded",
        apply: (p) => (one(p, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").inputs.userAuthorizationRequired = false),
    },
    // Providers.
    {
        what: "unpin the DR region's provider, which then deploys into whichever account its credentials belong to",
        stack: "prod",
        caughtBy: "careplane-aws-provider-pinned",
        apply: (p) => delete one(p, "pulumi:providers:aws", byName("dr")).inputs.allowedAccountIds,
    },
    // Keys and tags.
    {
        what: "disable rotation of the data key",
        stack: "prod",
        caughtBy: "careplane-kms-key-rotation",
        apply: (p) => (one(p, KEY, byName("data")).inputs.enableKeyRotation = false),
    },
    {
        what: "rotate the backups key only every two years",
        stack: "staging",
        caughtBy: "careplane-kms-key-rotation",
        apply: (p) => (one(p, KEY, byName("backups")).inputs.rotationPeriodInDays = 730),
    },
    {
        what: "shorten the prod key deletion window to 7 days",
        stack: "prod",
        caughtBy: "careplane-stateful-deletion-protection",
        apply: (p) => (one(p, KEY, byName("secrets")).inputs.deletionWindowInDays = 7),
    },
    {
        what: "remove protect from a prod key",
        stack: "prod",
        caughtBy: "careplane-stateful-protect",
        apply: (p) => (one(p, KEY, byName("logs")).protect = false),
    },
    {
        what: "drop the Owner tag from the VPC",
        stack: "dev",
        caughtBy: "careplane-required-tags",
        apply: (p) => delete (one(p, "aws:ec2/vpc:Vpc").inputs as any).tags.Owner,
    },
    {
        what: "drop the DataClassification tag from a key",
        stack: "test",
        caughtBy: "careplane-required-tags",
        apply: (p) => delete (one(p, KEY).inputs as any).tags.DataClassification,
    },
    {
        what: "drop the Environment tag from a prod key (held to prod's floors anyway)",
        stack: "prod",
        caughtBy: "careplane-required-tags",
        apply: (p) => delete (one(p, KEY, byName("cluster")).inputs as any).tags.Environment,
    },

    // Network.
    {
        what: "remove the VPC flow log",
        stack: "prod",
        caughtBy: "careplane-vpc-flow-logs",
        apply: (p) => remove(p, "aws:ec2/flowLog:FlowLog"),
    },
    {
        what: "log only rejected traffic",
        stack: "staging",
        caughtBy: "careplane-vpc-flow-logs",
        apply: (p) => (one(p, "aws:ec2/flowLog:FlowLog").inputs.trafficType = "REJECT"),
    },
    {
        what: "give a public subnet public IPs",
        stack: "prod",
        caughtBy: "careplane-subnet-no-public-ip",
        apply: (p) => (one(p, SUBNET, byName("public")).inputs.mapPublicIpOnLaunch = true),
    },
    {
        what: "open SSH on the PostgreSQL clients' security group to the world",
        stack: "prod",
        caughtBy: "careplane-ec2-security-group-no-public-ingress",
        apply: (p) =>
            ((one(p, SG, byName("postgres-clients")).inputs as any).ingress = [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
            ]),
    },
    {
        what: "open the endpoint security group to the world on 443",
        stack: "dev",
        caughtBy: "careplane-ec2-security-group-no-public-ingress",
        apply: (p) => ((one(p, SG, byName("endpoints")).inputs as any).ingress[0].cidrBlocks = ["0.0.0.0/0"]),
    },
    {
        what: "open all protocols from ::/0",
        stack: "test",
        caughtBy: "careplane-ec2-security-group-no-public-ingress",
        apply: (p) =>
            (one(p, SG, byName("endpoints")).inputs as any).ingress.push({
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                ipv6CidrBlocks: ["::/0"],
            }),
    },
    {
        what: "give the default security group an allow-all rule",
        stack: "prod",
        caughtBy: "careplane-vpc-default-security-group-closed",
        apply: (p) =>
            ((one(p, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup").inputs as any).ingress = [
                { protocol: "-1", fromPort: 0, toPort: 0, self: true },
            ]),
    },
    {
        what: "route an app subnet to the internet gateway",
        stack: "prod",
        caughtBy: "careplane-vpc-igw-route-public-only",
        apply: (p) => {
            const assoc = one(p, "aws:ec2/routeTableAssociation:RouteTableAssociation", byName("app-0"));
            const publicTable = one(p, "aws:ec2/routeTable:RouteTable", (r) => r.name.endsWith("-public"));
            assoc.propertyDependencies.routeTableId = [publicTable.urn];
        },
    },

    // Logs.
    {
        what: "keep prod flow logs 90 days",
        stack: "prod",
        caughtBy: "careplane-log-group-retention",
        apply: (p) => (one(p, LOG_GROUP, byName("flow")).inputs.retentionInDays = 90),
    },
    {
        what: "keep flow logs forever with no retention",
        stack: "dev",
        caughtBy: "careplane-log-group-retention",
        apply: (p) => delete one(p, LOG_GROUP, byName("flow")).inputs.retentionInDays,
    },
    {
        what: "leave the flow-log group unencrypted",
        stack: "test",
        caughtBy: "careplane-log-group-encrypted",
        apply: (p) => delete one(p, LOG_GROUP, byName("flow")).inputs.kmsKeyId,
    },

    // GuardDuty.
    {
        what: "switch off GuardDuty runtime monitoring in prod",
        stack: "prod",
        caughtBy: "careplane-guardduty-enabled",
        apply: (p) => (one(p, GUARDDUTY_FEATURE, (r) => r.inputs.name === "RUNTIME_MONITORING").inputs.status = "DISABLED"),
    },
    {
        what: "stop GuardDuty managing its agent on the prod EKS cluster",
        stack: "prod",
        caughtBy: "careplane-guardduty-enabled",
        apply: (p) =>
            ((one(p, GUARDDUTY_FEATURE, (r) => r.inputs.name === "RUNTIME_MONITORING").inputs as any).additionalConfigurations = [
                { name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" },
            ]),
    },

    // EKS.
    {
        what: "make the prod EKS endpoint public",
        stack: "prod",
        caughtBy: "careplane-eks-private-endpoint",
        apply: (p) => ((one(p, "aws:eks/cluster:Cluster").inputs as any).vpcConfig.endpointPublicAccess = true),
    },
    {
        what: "stop encrypting Kubernetes secrets",
        stack: "staging",
        caughtBy: "careplane-eks-secrets-encryption",
        apply: (p) => delete one(p, "aws:eks/cluster:Cluster").inputs.encryptionConfig,
    },
    {
        what: "drop the audit control-plane log",
        stack: "prod",
        caughtBy: "careplane-eks-control-plane-logs",
        apply: (p) => ((one(p, "aws:eks/cluster:Cluster").inputs as any).enabledClusterLogTypes = ["api"]),
    },
    {
        what: "allow IMDSv1 on the nodes",
        stack: "prod",
        caughtBy: "careplane-ec2-imdsv2",
        apply: (p) => ((one(p, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any).metadataOptions.httpTokens = "optional"),
    },
    {
        what: "launch nodes without a launch template",
        stack: "test",
        caughtBy: "careplane-ec2-imdsv2",
        apply: (p) => (one(p, "aws:eks/nodeGroup:NodeGroup").propertyDependencies.launchTemplate = []),
    },
    {
        what: "leave node volumes unencrypted",
        stack: "prod",
        caughtBy: "careplane-ec2-volumes-encrypted",
        apply: (p) => ((one(p, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any).blockDeviceMappings[0].ebs.encrypted = "false"),
    },
    {
        what: "encrypt node volumes with the account's default EBS key",
        stack: "dev",
        caughtBy: "careplane-ec2-volumes-encrypted",
        apply: (p) => delete (one(p, "aws:ec2/launchTemplate:LaunchTemplate").inputs as any).blockDeviceMappings[0].ebs.kmsKeyId,
    },
    {
        what: "grant a role kms:* through its managed policy",
        stack: "prod",
        caughtBy: "careplane-iam-no-wildcard-actions",
        apply: (p) =>
            (one(p, "aws:iam/policy:Policy").inputs.policy = JSON.stringify({
                Statement: [{ Effect: "Allow", Action: "kms:*", Resource: "*" }],
            })),
    },
    {
        what: "attach AdministratorAccess to a role",
        stack: "dev",
        caughtBy: "careplane-iam-no-wildcard-actions",
        apply: (p) =>
            (one(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn = "arn:aws:iam::aws:policy/AdministratorAccess"),
    },

    // Database.
    {
        what: "turn off storage encryption of the prod database",
        stack: "prod",
        caughtBy: "careplane-rds-storage-encrypted",
        apply: (p) => (one(p, RDS, primary).inputs.storageEncrypted = false),
    },
    {
        what: "encrypt a replica with the AWS-managed key",
        stack: "prod",
        caughtBy: "careplane-rds-storage-encrypted",
        apply: (p) => delete one(p, RDS, byName("replica-1")).inputs.kmsKeyId,
    },
    {
        what: "make the staging database publicly accessible",
        stack: "staging",
        caughtBy: "careplane-rds-not-public",
        apply: (p) => (one(p, RDS, primary).inputs.publiclyAccessible = true),
    },
    {
        what: "run the prod primary in a single AZ",
        stack: "prod",
        caughtBy: "careplane-rds-multi-az",
        apply: (p) => (one(p, RDS, primary).inputs.multiAz = false),
    },
    {
        what: "switch off automated backups of the prod database",
        stack: "prod",
        caughtBy: "careplane-rds-backup-enabled",
        apply: (p) => (one(p, RDS, primary).inputs.backupRetentionPeriod = 0),
    },
    {
        what: "shorten point-in-time recovery to 3 days in staging",
        stack: "staging",
        caughtBy: "careplane-rds-backup-enabled",
        apply: (p) => (one(p, RDS, primary).inputs.backupRetentionPeriod = 3),
    },
    {
        what: "stop exporting PostgreSQL logs",
        stack: "test",
        caughtBy: "careplane-rds-log-exports",
        apply: (p) => (one(p, RDS, primary).inputs.enabledCloudwatchLogsExports = ["upgrade"]),
    },
    {
        what: "switch off enhanced monitoring",
        stack: "dev",
        caughtBy: "careplane-rds-enhanced-monitoring",
        apply: (p) => (one(p, RDS, primary).inputs.monitoringInterval = 0),
    },
    {
        what: "switch off IAM database authentication",
        stack: "prod",
        caughtBy: "careplane-rds-iam-auth",
        apply: (p) => (one(p, RDS, primary).inputs.iamDatabaseAuthenticationEnabled = false),
    },
    {
        what: "stop forcing SSL in the parameter group",
        stack: "prod",
        caughtBy: "careplane-rds-force-ssl",
        apply: (p) =>
            ((one(p, "aws:rds/parameterGroup:ParameterGroup").inputs as any).parameters = (
                one(p, "aws:rds/parameterGroup:ParameterGroup").inputs as any
            ).parameters.filter((x: any) => x.name !== "rds.force_ssl")),
    },
    {
        what: "turn off minor version upgrades",
        stack: "staging",
        caughtBy: "careplane-rds-minor-version-upgrade",
        apply: (p) => (one(p, RDS, primary).inputs.autoMinorVersionUpgrade = false),
    },
    {
        what: "turn off deletion protection of the prod database",
        stack: "prod",
        caughtBy: "careplane-stateful-deletion-protection",
        apply: (p) => (one(p, RDS, primary).inputs.deletionProtection = false),
    },
    {
        what: "skip the final snapshot of the prod database",
        stack: "prod",
        caughtBy: "careplane-stateful-deletion-protection",
        apply: (p) => (one(p, RDS, primary).inputs.skipFinalSnapshot = true),
    },
    {
        what: "remove protect from the prod database",
        stack: "prod",
        caughtBy: "careplane-stateful-protect",
        apply: (p) => (one(p, RDS, primary).protect = false),
    },
    {
        what: "remove protect from a prod replica",
        stack: "prod",
        caughtBy: "careplane-stateful-protect",
        apply: (p) => (one(p, RDS, byName("replica-2")).protect = false),
    },

    // The analytics database [000]: the controls that read every RDS instance see the second one too.
    {
        what: "take the analytics database out of AWS Backup (drop its Backup tag)",
        stack: "prod",
        overrides: EVERYTHING_ON,
        caughtBy: "careplane-backup-phi-stores-selected",
        apply: (p) => delete (one(p, RDS, analytics).inputs.tags as Record<string, string>).Backup,
    },
    {
        what: "put the analytics database on RDS's default parameter group (no forced SSL)",
        stack: "prod",
        overrides: EVERYTHING_ON,
        caughtBy: "careplane-rds-force-ssl",
        apply: (p) => {
            const db = one(p, RDS, analytics);
            db.inputs.parameterGroupName = "default.postgres16";
            db.propertyDependencies.parameterGroupName = [];
        },
    },
    {
        what: "turn off storage encryption of the analytics database",
        stack: "prod",
        overrides: EVERYTHING_ON,
        caughtBy: "careplane-rds-storage-encrypted",
        apply: (p) => (one(p, RDS, analytics).inputs.storageEncrypted = false),
    },
    {
        what: "run the prod analytics database in a single AZ",
        stack: "prod",
        overrides: EVERYTHING_ON,
        caughtBy: "careplane-rds-multi-az",
        apply: (p) => (one(p, RDS, analytics).inputs.multiAz = false),
    },
    {
        what: "switch off automated backups of the analytics database",
        stack: "prod",
        overrides: EVERYTHING_ON,
        caughtBy: "careplane-rds-backup-enabled",
        apply: (p) => (one(p, RDS, analytics).inputs.backupRetentionPeriod = 0),
    },
    {
        what: "skip the final snapshot of the prod analytics database",
        stack: "prod",
        overrides: EVERYTHING_ON,
        caughtBy: "careplane-stateful-deletion-protection",
        apply: (p) => (one(p, RDS, analytics).inputs.skipFinalSnapshot = true),
    },
    {
        what: "remove protect from the prod analytics database",
        stack: "prod",
        overrides: EVERYTHING_ON,
        caughtBy: "careplane-stateful-protect",
        apply: (p) => (one(p, RDS, analytics).protect = false),
    },

    // Cache.
    {
        what: "turn off at-rest encryption of the cache",
        stack: "prod",
        caughtBy: "careplane-elasticache-encryption",
        apply: (p) => (one(p, CACHE).inputs.atRestEncryptionEnabled = false),
    },
    {
        what: "let cache clients skip TLS",
        stack: "staging",
        caughtBy: "careplane-elasticache-encryption",
        apply: (p) => (one(p, CACHE).inputs.transitEncryptionMode = "preferred"),
    },
    {
        what: "drop the Redis user group, so clients connect unauthenticated",
        stack: "dev",
        caughtBy: "careplane-elasticache-auth",
        apply: (p) => delete one(p, CACHE).inputs.userGroupIds,
    },
    {
        what: "go back to one shared Redis AUTH token instead of RBAC users",
        stack: "prod",
        caughtBy: "careplane-elasticache-rbac",
        apply: (p) => {
            const group = one(p, CACHE);
            delete group.inputs.userGroupIds;
            group.inputs.authToken = "[secret]";
        },
    },
    {
        what: "switch the Redis default user back on with every right",
        stack: "staging",
        caughtBy: "careplane-elasticache-rbac",
        apply: (p) => (one(p, REDIS_USER, (u) => u.inputs.userName === "default").inputs.accessString = "on ~* +@all"),
    },
    {
        what: "let one service's Redis user reach every key",
        stack: "prod",
        caughtBy: "careplane-elasticache-rbac",
        apply: (p) => (one(p, REDIS_USER, (u) => u.inputs.userName === "api").inputs.accessString = "on ~* &* +@all -@dangerous"),
    },
    {
        what: "stop auditing the PHI tables migrations create later",
        stack: "prod",
        caughtBy: "careplane-rds-object-audit",
        apply: (p) => remove(p, "postgresql:index/defaultPrivileges:DefaultPrivileges", (r) => r.inputs.role === "rds_pgaudit"),
    },
    {
        what: "audit only reads of the PHI tables, not writes",
        stack: "staging",
        caughtBy: "careplane-rds-object-audit",
        apply: (p) => (one(p, "postgresql:index/grant:Grant", (r) => r.inputs.role === "rds_pgaudit").inputs.privileges = ["SELECT"]),
    },
    {
        what: "unset pgaudit.role, so object auditing logs nothing",
        stack: "dev",
        caughtBy: "careplane-rds-object-audit",
        apply: (p) => {
            const group = one(p, "aws:rds/parameterGroup:ParameterGroup");
            group.inputs.parameters = (group.inputs.parameters as Array<{ name: string }>).filter((x) => x.name !== "pgaudit.role");
        },
    },
    {
        what: "drop the role management of the prod database, so its logins and audit grants never exist",
        stack: "prod",
        caughtBy: "careplane-rds-object-audit",
        apply: (p) => {
            const provider = one(p, "pulumi:providers:postgresql");
            p.resources = p.resources.filter((r) => r.urn !== provider.urn && r.provider !== provider.urn);
        },
    },
    {
        what: "tag the cache for AWS Backup, which cannot back it up",
        stack: "prod",
        caughtBy: "careplane-backup-selection-supported",
        apply: (p) => ((one(p, CACHE).inputs.tags as Record<string, string>).Backup = "true"),
    },
    {
        what: "keep 7 days of RDS automated backups while AWS Backup's continuous rule keeps 35",
        stack: "prod",
        caughtBy: "careplane-rds-backup-single-owner",
        apply: (p) => (one(p, RDS, primary).inputs.backupRetentionPeriod = 7),
    },
    {
        what: "turn off cache failover in prod",
        stack: "prod",
        caughtBy: "careplane-elasticache-failover",
        apply: (p) => (one(p, CACHE).inputs.automaticFailoverEnabled = false),
    },
    {
        what: "keep prod cache snapshots 7 days",
        stack: "prod",
        caughtBy: "careplane-elasticache-snapshot-retention",
        apply: (p) => (one(p, CACHE).inputs.snapshotRetentionLimit = 7),
    },
    {
        what: "delete the prod cache without a final snapshot",
        stack: "prod",
        caughtBy: "careplane-stateful-deletion-protection",
        apply: (p) => delete one(p, CACHE).inputs.finalSnapshotIdentifier,
    },

    // Retention floors [issue 19]: every place a retention figure can be lowered, lowered.
    {
        what: "keep prod's yearly recovery points and their copies one year",
        stack: "prod",
        caughtBy: "careplane-backup-plan-retention",
        apply: (p) => {
            for (const rule of one(p, BACKUP_PLAN).inputs.rules as any[]) {
                if (rule.lifecycle.deleteAfter <= 365) continue;
                rule.lifecycle.deleteAfter = 365;
                for (const copy of rule.copyActions ?? []) copy.lifecycle.deleteAfter = 365;
            }
        },
    },
    {
        what: "keep staging's recovery points 30 days",
        stack: "staging",
        caughtBy: "careplane-backup-plan-retention",
        apply: (p) => {
            for (const rule of one(p, BACKUP_PLAN).inputs.rules as any[]) {
                rule.lifecycle.deleteAfter = Math.min(rule.lifecycle.deleteAfter, 30);
                for (const copy of rule.copyActions ?? [])
                    if (copy.lifecycle) copy.lifecycle.deleteAfter = Math.min(copy.lifecycle.deleteAfter, 30);
            }
        },
    },
    {
        what: "keep the DR copies of prod's yearly recovery points one year",
        stack: "prod",
        caughtBy: "careplane-backup-plan-retention",
        apply: (p) => {
            const yearly = (one(p, BACKUP_PLAN).inputs.rules as any[]).find((r) => r.ruleName === "yearly");
            yearly.copyActions[0].lifecycle.deleteAfter = 365;
        },
    },
    {
        what: "let prod's vault lock accept recovery points kept 1 day",
        stack: "prod",
        caughtBy: "careplane-backup-vault-lock",
        apply: (p) => (one(p, VAULT_LOCK, (r) => r.name === "backup").inputs.minRetentionDays = 1),
    },
    {
        what: "let prod's DR vault lock accept recovery points kept 1 day",
        stack: "prod",
        caughtBy: "careplane-backup-vault-lock",
        apply: (p) => (one(p, VAULT_LOCK, (r) => r.name === "backup-dr").inputs.minRetentionDays = 1),
    },
    {
        what: "cap prod's DR vault lock at one year",
        stack: "prod",
        caughtBy: "careplane-backup-vault-lock",
        apply: (p) => (one(p, VAULT_LOCK, (r) => r.name === "backup-dr").inputs.maxRetentionDays = 365),
    },
    {
        what: "lock prod's backup bucket one year",
        stack: "prod",
        caughtBy: "careplane-s3-backup-object-lock",
        apply: (p) => ((one(p, OBJECT_LOCK, (r) => r.name === "storage-backups").inputs.rule as any).defaultRetention.days = 365),
    },
    {
        what: "expire prod's backup bucket objects after one year",
        stack: "prod",
        caughtBy: "careplane-s3-backup-object-lock",
        apply: (p) => ((one(p, LIFECYCLE, (r) => r.name === "storage-backups").inputs.rules as any[])[0].expiration.days = 365),
    },
    {
        what: "expire noncurrent versions in staging's backup bucket after 30 days",
        stack: "staging",
        caughtBy: "careplane-s3-backup-object-lock",
        apply: (p) =>
            ((one(p, LIFECYCLE, (r) => r.name === "storage-backups").inputs.rules as any[])[0].noncurrentVersionExpiration.noncurrentDays =
                30),
    },
    {
        what: "lock prod's audit archive one year",
        stack: "prod",
        caughtBy: "careplane-audit-log-archive",
        apply: (p) => ((one(p, OBJECT_LOCK, (r) => r.name === "audit-trail").inputs.rule as any).defaultRetention.days = 365),
    },
    {
        what: "expire prod's audit archive after one year",
        stack: "prod",
        caughtBy: "careplane-audit-log-archive",
        apply: (p) => ((one(p, LIFECYCLE, (r) => r.name === "audit-trail").inputs.rules as any[])[0].expiration.days = 365),
    },
    {
        what: "keep prod's pgaudit log group 30 days",
        stack: "prod",
        caughtBy: "careplane-log-group-retention",
        apply: (p) => (one(p, LOG_GROUP, (r) => r.name === "database-primary-postgresql").inputs.retentionInDays = 30),
    },
    {
        what: "keep one day of prod's RDS automated backups",
        stack: "prod",
        caughtBy: "careplane-rds-backup-enabled",
        apply: (p) => (one(p, RDS, primary).inputs.backupRetentionPeriod = 1),
    },
    {
        what: "keep staging cache snapshots 0 days",
        stack: "staging",
        caughtBy: "careplane-elasticache-snapshot-retention",
        apply: (p) => (one(p, CACHE).inputs.snapshotRetentionLimit = 0),
    },

    // Secrets.
    {
        what: "encrypt the jwt secret with the AWS-managed key",
        stack: "prod",
        caughtBy: "careplane-secretsmanager-cmk",
        apply: (p) => delete one(p, SECRET, byName("jwt")).inputs.kmsKeyId,
    },
    {
        what: "rotate the RDS master secret only twice a year",
        stack: "prod",
        caughtBy: "careplane-secretsmanager-rotation",
        apply: (p) =>
            ((one(p, "aws:secretsmanager/secretRotation:SecretRotation").inputs as any).rotationRules = { automaticallyAfterDays: 180 }),
    },
    {
        what: "disable rotation of the RDS master secret",
        stack: "staging",
        caughtBy: "careplane-secretsmanager-rotation",
        apply: (p) => (one(p, "aws:secretsmanager/secretRotation:SecretRotation").inputs.rotationEnabled = false),
    },
    {
        what: "delete a prod secret without a recovery window",
        stack: "prod",
        caughtBy: "careplane-stateful-deletion-protection",
        apply: (p) => (one(p, SECRET, byName("database")).inputs.recoveryWindowInDays = 0),
    },
    {
        what: "remove protect from a prod secret",
        stack: "prod",
        caughtBy: "careplane-stateful-protect",
        apply: (p) => (one(p, SECRET, byName("smtp")).protect = false),
    },

    // Kubernetes workloads.
    {
        what: "run the api container as root",
        stack: "prod",
        caughtBy: "careplane-k8s-pod-non-root",
        apply: (p) => {
            const spec = podSpec(one(p, DEPLOYMENT, byName("api")));
            spec.securityContext.runAsNonRoot = false;
            delete container(one(p, DEPLOYMENT, byName("api"))).securityContext.runAsNonRoot;
        },
    },
    {
        what: "run the worker as UID 0",
        stack: "staging",
        caughtBy: "careplane-k8s-pod-non-root",
        apply: (p) => (container(one(p, DEPLOYMENT, byName("worker"))).securityContext.runAsUser = 0),
    },
    {
        what: "make the web container privileged",
        stack: "prod",
        caughtBy: "careplane-k8s-pod-no-privilege",
        apply: (p) => (container(one(p, DEPLOYMENT, byName("web"))).securityContext.privileged = true),
    },
    {
        what: "allow privilege escalation in the api",
        stack: "dev",
        caughtBy: "careplane-k8s-pod-no-privilege",
        apply: (p) => (container(one(p, DEPLOYMENT, byName("api"))).securityContext.allowPrivilegeEscalation = true),
    },
    {
        what: "add SYS_ADMIN to the worker",
        stack: "test",
        caughtBy: "careplane-k8s-pod-no-privilege",
        apply: (p) =>
            (container(one(p, DEPLOYMENT, byName("worker"))).securityContext.capabilities = { drop: ["ALL"], add: ["SYS_ADMIN"] }),
    },
    {
        what: "put the api on the host network",
        stack: "prod",
        caughtBy: "careplane-k8s-pod-no-host-access",
        apply: (p) => (podSpec(one(p, DEPLOYMENT, byName("api"))).hostNetwork = true),
    },
    {
        what: "mount the node's filesystem into the worker",
        stack: "prod",
        caughtBy: "careplane-k8s-pod-no-host-access",
        apply: (p) => podSpec(one(p, DEPLOYMENT, byName("worker"))).volumes.push({ name: "host", hostPath: { path: "/" } }),
    },
    {
        what: "share the host PID namespace",
        stack: "staging",
        caughtBy: "careplane-k8s-pod-no-host-access",
        apply: (p) => (podSpec(one(p, DEPLOYMENT, byName("web"))).hostPID = true),
    },
    {
        what: "drop the api's memory limit",
        stack: "prod",
        caughtBy: "careplane-k8s-container-limits",
        apply: (p) => delete container(one(p, DEPLOYMENT, byName("api"))).resources.limits.memory,
    },
    {
        what: "drop the worker's resources entirely",
        stack: "dev",
        caughtBy: "careplane-k8s-container-limits",
        apply: (p) => delete container(one(p, DEPLOYMENT, byName("worker"))).resources,
    },
    {
        what: "make the web root filesystem writable",
        stack: "prod",
        caughtBy: "careplane-k8s-read-only-root-filesystem",
        apply: (p) => (container(one(p, DEPLOYMENT, byName("web"))).securityContext.readOnlyRootFilesystem = false),
    },
    {
        what: "deploy the api from latest",
        stack: "prod",
        caughtBy: "careplane-k8s-image-pinned",
        apply: (p) => (container(one(p, DEPLOYMENT, byName("api"))).image = "caresync/api:latest"),
    },
    {
        what: "deploy the worker without a tag",
        stack: "test",
        caughtBy: "careplane-k8s-image-pinned",
        apply: (p) => (container(one(p, DEPLOYMENT, byName("worker"))).image = "caresync/worker"),
    },
    {
        what: "let the prod api autoscaler go down to one pod",
        stack: "prod",
        caughtBy: "careplane-k8s-hpa-min-replicas",
        apply: (p) => ((one(p, HPA, byName("api")).inputs as any).spec.minReplicas = 1),
    },
    {
        what: "remove the api's disruption budget",
        stack: "prod",
        caughtBy: "careplane-k8s-deployment-pdb",
        apply: (p) => remove(p, "kubernetes:policy/v1:PodDisruptionBudget", byName("api")),
    },
    {
        what: "remove the namespace's default-deny policy",
        stack: "prod",
        caughtBy: "careplane-k8s-namespace-default-deny",
        apply: (p) => remove(p, "kubernetes:networking.k8s.io/v1:NetworkPolicy", byName("default-deny")),
    },
    {
        what: "turn the web Service into an unannotated LoadBalancer",
        stack: "staging",
        caughtBy: "careplane-k8s-service-load-balancer-annotated",
        apply: (p) => ((one(p, "kubernetes:core/v1:Service", byName("web")).inputs as any).spec.type = "LoadBalancer"),
    },
    {
        what: "drop the environment label from the api Deployment",
        stack: "prod",
        caughtBy: "careplane-k8s-required-labels",
        apply: (p) => delete (one(p, DEPLOYMENT, byName("api")).inputs as any).metadata.labels.environment,
    },
    {
        what: "serve the ALB ingress over HTTP only",
        stack: "prod",
        caughtBy: "careplane-k8s-ingress-alb-secure",
        apply: (p) => annotate(p, "listen-ports", JSON.stringify([{ HTTP: 80 }])),
    },
    {
        what: "stop redirecting HTTP to HTTPS on the ingress",
        stack: "staging",
        caughtBy: "careplane-k8s-ingress-alb-secure",
        apply: (p) => annotate(p, "ssl-redirect", undefined),
    },
    {
        what: "take the ingress out from behind the WAF",
        stack: "prod",
        caughtBy: "careplane-k8s-ingress-alb-secure",
        apply: (p) => annotate(p, "wafv2-acl-arn", undefined),
    },
    {
        what: "allow TLS 1.0 on the ingress",
        stack: "dev",
        caughtBy: "careplane-k8s-ingress-alb-secure",
        apply: (p) => annotate(p, "ssl-policy", "ELBSecurityPolicy-TLS-1-0-2015-04"),
    },
    {
        what: "turn Grafana on in kube-prometheus-stack with the chart's default admin password",
        stack: "prod",
        caughtBy: "careplane-k8s-grafana-authenticated",
        apply: (p) =>
            ((one(p, RELEASE, (r) => r.inputs.chart === "kube-prometheus-stack").inputs as any).values.grafana = { enabled: true }),
    },
    {
        what: "write the monitoring login's password into postgres_exporter's values",
        stack: "staging",
        caughtBy: "careplane-k8s-exporter-hardened",
        apply: (p) =>
            ((one(p, RELEASE, (r) => r.name === "monitoring-postgres-exporter-primary").inputs as any).values.config.datasource.password =
                "Hospital2024!"),
    },
    {
        what: "let blackbox_exporter escalate privileges",
        stack: "prod",
        caughtBy: "careplane-k8s-exporter-hardened",
        apply: (p) =>
            ((
                one(p, RELEASE, (r) => r.inputs.chart === "prometheus-blackbox-exporter").inputs as any
            ).values.securityContext.allowPrivilegeEscalation = true),
    },
    {
        what: "run redis_exporter on a writable root file system",
        stack: "dev",
        caughtBy: "careplane-k8s-exporter-hardened",
        apply: (p) =>
            ((
                one(p, RELEASE, (r) => r.inputs.chart === "prometheus-redis-exporter").inputs as any
            ).values.securityContext.readOnlyRootFilesystem = false),
    },

    // ECS Fargate (staging with compute: ecs) and its load balancer.
    {
        what: "run the ECS api task as root",
        stack: "staging",
        overrides: ECS,
        caughtBy: "careplane-ecs-task-least-privilege",
        apply: (p) => editContainers(one(p, TASK, byName("api")), (cs) => (cs[0].user = "0")),
    },
    {
        what: "give the ECS web task a writable root filesystem",
        stack: "staging",
        overrides: ECS,
        caughtBy: "careplane-ecs-task-least-privilege",
        apply: (p) => editContainers(one(p, TASK, byName("web")), (cs) => (cs[0].readonlyRootFilesystem = false)),
    },
    {
        what: "drop the ECS api task's log configuration",
        stack: "staging",
        overrides: ECS,
        caughtBy: "careplane-ecs-task-logging",
        apply: (p) => editContainers(one(p, TASK, byName("api")), (cs) => delete cs[0].logConfiguration),
    },
    {
        what: "give the ECS api task an EFS volume mounted without TLS",
        stack: "staging",
        overrides: ECS,
        caughtBy: "careplane-ecs-efs-volume-secured",
        apply: (p) =>
            (one(p, TASK, byName("api")).inputs.volumes as unknown[]).push({
                name: "files",
                efsVolumeConfiguration: { fileSystemId: "fs-0123456789abcdef0", transitEncryption: "DISABLED" },
            }),
    },
    {
        what: "serve the ECS load balancer's HTTP listener instead of redirecting",
        stack: "staging",
        overrides: ECS,
        caughtBy: "careplane-alb-listener-https",
        apply: (p) =>
            ((one(p, LISTENER, (r) => r.inputs.port === 80).inputs as any).defaultActions = [
                { type: "forward", targetGroupArn: "arn:tg" },
            ]),
    },
    {
        what: "allow TLS 1.0 on the ECS HTTPS listener",
        stack: "staging",
        overrides: ECS,
        caughtBy: "careplane-alb-listener-https",
        apply: (p) => (one(p, LISTENER, (r) => r.inputs.port === 443).inputs.sslPolicy = "ELBSecurityPolicy-2016-08"),
    },
    {
        what: "pass invalid headers through the ECS load balancer",
        stack: "staging",
        overrides: ECS,
        caughtBy: "careplane-alb-drop-invalid-headers",
        apply: (p) => (one(p, LB).inputs.dropInvalidHeaderFields = false),
    },
    {
        what: "remove the WAF from the ECS load balancer",
        stack: "staging",
        overrides: ECS,
        caughtBy: "careplane-alb-waf",
        apply: (p) => remove(p, "aws:wafv2/webAclAssociation:WebAclAssociation"),
    },

    // Key administration, break-glass, restores.
    {
        what: "give the account kms:Create* and kms:Put* on the prod data key again",
        stack: "prod",
        caughtBy: "careplane-kms-key-administration",
        apply: (p) => editPolicy(one(p, KEY, byName("keys-data")), (doc) => doc.Statement[0].Action.push("kms:Create*", "kms:Put*")),
    },
    {
        what: "let any IAM principal of the account schedule the staging backups key's deletion",
        stack: "staging",
        caughtBy: "careplane-kms-key-administration",
        apply: (p) =>
            editPolicy(one(p, KEY, byName("keys-backups")), (doc) =>
                doc.Statement.push({
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                    Action: "kms:ScheduleKeyDeletion",
                    Resource: "*",
                }),
            ),
    },
    {
        what: "drop break-glass's aws:PrincipalArn condition on the prod backups key (the account administers it)",
        stack: "prod",
        caughtBy: "careplane-kms-key-administration",
        apply: (p) =>
            editPolicy(one(p, KEY, byName("keys-backups")), (doc) => {
                delete doc.Statement.find((s: any) => s.Sid === "BreakGlassAdministersKey").Condition.ArnEquals;
            }),
    },
    {
        what: "let the deploy role delete the prod DR backups key",
        stack: "prod",
        caughtBy: "careplane-kms-key-administration",
        apply: (p) =>
            editPolicy(one(p, KEY, byName("dr-backups")), (doc) =>
                doc.Statement.push({
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::123456789012:root" },
                    Action: "kms:ScheduleKeyDeletion",
                    Resource: "*",
                    Condition: { ArnEquals: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/caresync-prod-ci-deploy" } },
                }),
            ),
    },
    {
        what: "bypass the lockout check on the logs key and leave nobody who can rewrite its policy",
        stack: "dev",
        caughtBy: "careplane-kms-key-administration",
        apply: (p) =>
            editPolicy(one(p, KEY, byName("keys-logs")), (doc) => {
                doc.Statement = doc.Statement.filter(
                    (s: any) => !["BreakGlassAdministersKey", "RootUserRecoversKeyPolicy"].includes(s.Sid),
                );
            }),
    },
    {
        what: "let break-glass be assumed without MFA",
        stack: "prod",
        caughtBy: "careplane-iam-break-glass-role",
        apply: (p) =>
            editTrust(one(p, ROLE, byName("break-glass")), (doc) => {
                delete doc.Statement[0].Condition.Bool;
            }),
    },
    {
        what: "give break-glass twelve-hour sessions",
        stack: "staging",
        caughtBy: "careplane-iam-break-glass-role",
        apply: (p) => (one(p, ROLE, byName("break-glass")).inputs.maxSessionDuration = 43200),
    },
    {
        what: "let every IAM user of the account assume break-glass",
        stack: "prod",
        caughtBy: "careplane-iam-break-glass-role",
        apply: (p) =>
            editTrust(one(p, ROLE, byName("break-glass")), (doc) => {
                doc.Statement[0].Condition.ArnEquals["aws:PrincipalArn"] = ["arn:aws:iam::123456789012:user/*"];
            }),
    },
    {
        what: "drop the restore-and-copy deny from the prod vault policy",
        stack: "prod",
        caughtBy: "careplane-backup-vault-restore-break-glass",
        apply: (p) =>
            editPolicy(
                one(p, VAULT_POLICY, (r) => r.name === "backup"),
                (doc) => {
                    doc.Statement = doc.Statement.filter((s: any) => s.Sid !== "OnlyBreakGlassRestoresOrCopies");
                },
            ),
    },
    {
        what: "let IAM alone decide who reads the prod documents (the allow-list statements removed)",
        stack: "prod",
        caughtBy: "careplane-s3-phi-allow-list",
        apply: (p) =>
            editPolicy(
                one(p, BUCKET_POLICY, (r) => r.name === "storage-documents"),
                (doc) => {
                    doc.Statement = doc.Statement.filter((s: any) => s.Sid === "DenyInsecureTransport");
                },
            ),
    },
    {
        what: "exempt every role of the account from the images bucket's allow-list",
        stack: "staging",
        caughtBy: "careplane-s3-phi-allow-list",
        apply: (p) =>
            editPolicy(
                one(p, BUCKET_POLICY, (r) => r.name === "storage-images"),
                (doc) => {
                    for (const s of doc.Statement.filter((s: any) => s.Condition?.ArnNotEquals))
                        s.Condition.ArnNotEquals["aws:PrincipalArn"] = ["arn:aws:iam::123456789012:role/*"];
                },
            ),
    },
    {
        what: "remove the DR vault's access policy",
        stack: "prod",
        caughtBy: "careplane-backup-vault-restore-break-glass",
        apply: (p) => remove(p, VAULT_POLICY, (r) => r.name === "backup-dr"),
    },
    // Audit and detection [issue 22 items 5, 6, 9; issue 19].
    {
        what: "drop the trail's metric filter on StopLogging, DeleteTrail and UpdateTrail",
        stack: "prod",
        caughtBy: "careplane-trail-security-alarms",
        apply: (p) => remove(p, "aws:cloudwatch/logMetricFilter:LogMetricFilter", byName("trail-changed")),
    },
    {
        what: "rate the root-account alarm high instead of critical",
        stack: "staging",
        caughtBy: "careplane-trail-security-alarms",
        apply: (p) =>
            ((one(p, "aws:cloudwatch/metricAlarm:MetricAlarm", byName("root-account-used")).inputs.tags as any).Severity = "high"),
    },
    {
        what: "watch a break-glass role of another name",
        stack: "prod",
        caughtBy: "careplane-trail-security-alarms",
        apply: (p) => {
            const f = one(p, "aws:cloudwatch/logMetricFilter:LogMetricFilter", byName("break-glass"));
            f.inputs.pattern = String(f.inputs.pattern).replace("-break-glass", "-admin");
        },
    },
    {
        what: "disable the GuardDuty findings rule",
        stack: "prod",
        caughtBy: "careplane-security-findings-routed",
        apply: (p) => (one(p, "aws:cloudwatch/eventRule:EventRule", byName("guardduty-findings")).inputs.state = "DISABLED"),
    },
    {
        what: "route only critical GuardDuty findings (9 and above)",
        stack: "dev",
        caughtBy: "careplane-security-findings-routed",
        apply: (p) => {
            const r = one(p, "aws:cloudwatch/eventRule:EventRule", byName("guardduty-findings"));
            r.inputs.eventPattern = JSON.stringify({ source: ["aws.guardduty"], detail: { severity: [{ numeric: [">=", 9] }] } });
        },
    },
    {
        what: "take EventBridge's statement out of the alarm topic's key policy",
        stack: "prod",
        caughtBy: "careplane-security-findings-routed",
        apply: (p) => {
            const k = one(p, KEY, byName("alarms-key"));
            const doc = JSON.parse(String(k.inputs.policy));
            doc.Statement = doc.Statement.filter((s: any) => s.Sid !== "EventBridgeEncryptsNotifications");
            k.inputs.policy = JSON.stringify(doc);
        },
    },
    {
        what: "remove prod's IAM Access Analyzer",
        stack: "prod",
        caughtBy: "careplane-access-analyzer-enabled",
        apply: (p) => remove(p, "aws:accessanalyzer/analyzer:Analyzer"),
    },
    {
        what: "stop scanning the documents bucket for malware",
        stack: "test",
        caughtBy: "careplane-s3-malware-protection",
        apply: (p) => remove(p, "aws:guardduty/malwareProtectionPlan:MalwareProtectionPlan", byName("documents")),
    },
    {
        what: "lock prod's audit archive in GOVERNANCE mode",
        stack: "prod",
        caughtBy: "careplane-audit-log-archive",
        apply: (p) => {
            const lock = one(p, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", byName("audit-trail"));
            (lock.inputs.rule as any).defaultRetention.mode = "GOVERNANCE";
        },
    },
    {
        what: "stop archiving the primary database's pgaudit log",
        stack: "prod",
        caughtBy: "careplane-audit-log-archive",
        apply: (p) => remove(p, "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter", byName("database-primary")),
    },
    {
        what: "detach the PHI-log read deny from the analytics role",
        stack: "staging",
        caughtBy: "careplane-phi-logs-fenced",
        apply: (p) => remove(p, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", byName("phi-log-read-deny-analytics")),
    },
    {
        what: "let anyone with S3 read permissions read the load balancers' access logs",
        stack: "prod",
        caughtBy: "careplane-phi-logs-fenced",
        apply: (p) => {
            const policy = one(p, "aws:s3/bucketPolicy:BucketPolicy", (r) => r.name === "storage-access-logs");
            const doc = JSON.parse(String(policy.inputs.policy));
            doc.Statement = doc.Statement.filter((s: any) => s.Sid !== "OnlyLogReadersReadObjects");
            policy.inputs.policy = JSON.stringify(doc);
        },
    },
    {
        what: "turn WAF request sampling back on",
        stack: "prod",
        caughtBy: "careplane-waf-credentials-redacted",
        apply: (p) => ((one(p, "aws:wafv2/webAcl:WebAcl").inputs.visibilityConfig as any).sampledRequestsEnabled = true),
    },
    {
        what: "keep the Cookie header in WAF logs",
        stack: "dev",
        caughtBy: "careplane-waf-credentials-redacted",
        apply: (p) => {
            const logging = one(p, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
            logging.inputs.redactedFields = (logging.inputs.redactedFields as any[]).filter((f) => f.singleHeader?.name !== "cookie");
        },
    },
];

/** Every mutation the suite applies: the configuration classes above, and who may act (tests/mutations/principals.ts). */
const suite = [...mutations, ...principalMutations];

describe("the mutation suite", function () {
    this.timeout(300000);
    const survivors: string[] = [];
    const key = (v: Violation) => `${v.policyName}|${v.urn}|${v.message}`;
    const baselines = new Map<string, Promise<Set<string>>>();
    /** The mandatory violations the unmutated plan already has (none, on a clean main). */
    const baseline = (m: Mutation) => {
        const id = JSON.stringify([m.stack, m.overrides]);
        if (!baselines.has(id)) {
            const found = planOf(m.stack, m.overrides).then(violationsOf);
            baselines.set(
                id,
                found.then((vs) => new Set(vs.filter((v) => v.enforcementLevel === "mandatory").map(key))),
            );
        }
        return baselines.get(id)!;
    };

    after(() => {
        const killed = suite.length - survivors.length;
        const rate = ((100 * killed) / suite.length).toFixed(1);
        console.log(`\n      mutation suite: ${killed}/${suite.length} mutations killed, kill rate ${rate} %`);
        for (const s of survivors) console.log(`      survived: ${s}`);
    });

    it("has at least 60 mutations across the areas, and at least 40 about who may act", () => {
        expect(mutations.length).to.be.at.least(60);
        expect(principalMutations.length).to.be.at.least(40);
    });

    it("reproduces each class of issue 22's principal edits with a mutation caught by a mandatory control", () => {
        const caughtBy = new Set(principalMutations.map((m) => m.caughtBy));
        for (const control of [
            "careplane-iam-principals-trusted",
            "careplane-iam-trust-mfa-external-id",
            "careplane-iam-federated-trust-scoped",
            "careplane-grants-trusted-accounts",
            "careplane-lambda-permission-scoped",
            "careplane-iam-no-wildcard-on-phi",
            "careplane-iam-no-wildcard-actions",
            "careplane-ec2-security-group-no-public-ingress",
            "careplane-vpc-nacl-isolated-closed",
            "careplane-s3-phi-backed-up",
            "careplane-s3-phi-lifecycle-retention",
            "careplane-cloudtrail-phi-data-events",
            "careplane-s3-kms-encryption",
        ]) {
            expect(caughtBy, control).to.include(control);
        }
        const mandatory = new Set(controls.filter((c) => c.meta.enforcementLevel === "mandatory").map((c) => c.meta.name));
        for (const m of principalMutations) expect(mandatory, m.caughtBy).to.include(m.caughtBy);
    });

    for (const m of suite) {
        it(`${m.stack}${m.overrides ? " (overridden)" : ""}: ${m.what} → ${m.caughtBy}`, async () => {
            let killed = false;
            try {
                const plan: Plan = structuredClone(await planOf(m.stack, m.overrides));
                m.apply(plan);
                const before = await baseline(m);
                const caught = (await violationsOf(plan)).filter((v) => v.enforcementLevel === "mandatory" && !before.has(key(v)));
                const byControl = caught.filter((v) => v.policyName === m.caughtBy);
                killed = byControl.length > 0;
                const others = caught.map((v) => v.policyName).join(", ") || "none";
                expect(byControl, `new mandatory violations: ${others}`).to.not.be.empty;
            } finally {
                if (!killed) survivors.push(`${m.stack}: ${m.what}`);
            }
        });
    }
});
