// Every hand-written readiness rule with a passing and a failing fixture: a clean copy of a real
// stack's plan and one edit of it, or a small hand-made plan where the stacks have nothing to check.
import { expect } from "chai";
import { Plan } from "../../tools/engine/plan";
import { analyzeRun } from "../../tools/readiness";
import { Severity } from "../../tools/readiness/finding";
import { runRules, stackRules } from "../../tools/readiness/rules";
import { CONSTRAINTS, ruleIdOf } from "../../tools/readiness/rules/constraints/generated";
import { accountOf, cleanPlan, editPolicy, TODAY } from "./support/clean";
import { Fixture } from "./support/fixture";
import { annotations, cutFrom, dropStatement, editViaServices, named, T, undepend } from "./support/mutate";
import { isServicePrincipal } from "../../tools/readiness/rules/principals/service-principals";
import { examplePlan } from "../examples/support";

interface Case {
    /** Plans analysed together; the passing set has no finding of the rule, the failing one has. */
    passing: () => Promise<Plan[]>;
    failing: () => Promise<Plan[]>;
    severity?: Severity;
}

/** A clean copy of a stack passes; the same copy with one edit fails. */
const clean = (stack: string, edit: (p: Plan) => void, severity?: Severity): Case => ({
    passing: async () => [await cleanPlan(stack)],
    failing: async () => {
        const p = await cleanPlan(stack);
        edit(p);
        return [p];
    },
    severity,
});

/** Two hand-made plans, built by one function given whether it should pass. */
const made = (build: (pass: boolean) => Plan | Plan[], severity?: Severity): Case => ({
    passing: async () => [build(true)].flat(),
    failing: async () => [build(false)].flat(),
    severity,
});

const SHARE_KEY = "arn:aws:kms:us-east-1:123456789012:key/data-refresh";

/** A prod instance and a snapshot of it shared with staging: a copy under `copyKey`, or a snapshot of the instance itself. */
function sharedSnapshot(p: { copyKey?: string; instanceKey?: string }): Plan {
    const fx = new Fixture();
    const db = fx.add(T.rds, "database", { identifier: "caresync-prod-db", ...(p.instanceKey ? { kmsKeyId: p.instanceKey } : {}) });
    const shared = { sharedAccounts: ["777788889999"] };
    if (p.copyKey === undefined) {
        fx.add(
            "aws:rds/snapshot:Snapshot",
            "scrubbed",
            { dbInstanceIdentifier: "caresync-prod-db", dbSnapshotIdentifier: "scrubbed", ...shared },
            [db],
            {
                propertyDependencies: { dbInstanceIdentifier: [db.urn] },
            },
        );
    } else {
        fx.add("aws:rds/snapshotCopy:SnapshotCopy", "scrubbed", {
            sourceDbSnapshotIdentifier: "caresync-prod-scrub",
            targetDbSnapshotIdentifier: "caresync-prod-scrub-shared",
            kmsKeyId: p.copyKey,
            ...shared,
        });
    }
    return fx.plan;
}

const CASES: Record<string, Case> = {
    // 1. constraints written by hand
    // CreateSchedule takes an IANA zone name (https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html).
    "constraints/schedule-time-zone": clean(
        "dev",
        (p) => (named(p, "aws:scheduler/schedule:Schedule", "business-hours-scale-down").inputs.scheduleExpressionTimezone = "EST"),
    ),
    "constraints/backup-lifecycle": clean(
        "prod",
        (p) => ((named(p, T.backupPlan, "backup").inputs.rules as any[])[0].lifecycle.deleteAfter = 36),
    ),
    "constraints/rds-parameter-group-family": clean("prod", (p) => (named(p, T.rdsParameters, "database").inputs.family = "postgres17")),
    "constraints/elasticache-parameter-group-family": clean(
        "prod",
        (p) => (named(p, T.cacheParameters, "cache").inputs.family = "valkey8"),
    ),
    "constraints/kms-deletion-window": clean("prod", (p) => (named(p, T.key, "keys-data").inputs.deletionWindowInDays = 6)),
    "constraints/secrets-recovery-window": clean("prod", (p) => (named(p, T.secret, "secrets-smtp").inputs.recoveryWindowInDays = 31)),
    "constraints/rds-performance-insights-retention": clean(
        "prod",
        (p) => (named(p, T.rds, "database").inputs.performanceInsightsRetentionPeriod = 100),
    ),
    "constraints/rds-backup-retention": clean("prod", (p) => (named(p, T.rds, "database").inputs.backupRetentionPeriod = 36)),
    "constraints/rds-monitoring-interval": clean("prod", (p) => (named(p, T.rds, "database").inputs.monitoringInterval = 45)),
    "constraints/elasticache-snapshot-retention": clean("prod", (p) => (named(p, T.cache, "cache").inputs.snapshotRetentionLimit = 40)),
    "constraints/backup-vault-lock-grace": clean("prod", (p) => (named(p, T.vaultLock, "backup").inputs.changeableForDays = 1)),
    "constraints/rds-identifier": clean("prod", (p) => (named(p, T.rds, "database").inputs.identifier = "caresync--prod-db")),
    "constraints/s3-bucket-name": clean("prod", (p) => (named(p, T.bucket, "storage-documents").inputs.bucket = "documents..bucket")),
    "constraints/elasticache-replication-group-id": clean(
        "prod",
        (p) => (named(p, T.cache, "cache").inputs.replicationGroupId = "caresync-prod-redis-"),
    ),
    "constraints/iam-role-name": clean("prod", (p) => (named(p, T.role, "analytics").inputs.name = "caresync prod analytics")),
    "constraints/ecr-pull-through-prefix": made((pass) => {
        const fx = new Fixture();
        fx.add(T.pullThroughCacheRule, "ghcr", { ecrRepositoryPrefix: pass ? "mirrors/ghcr" : "GHCR", upstreamRegistryUrl: "ghcr.io" });
        return fx.plan;
    }),
    "constraints/eks-node-group-scaling": clean(
        "prod",
        (p) => ((named(p, T.nodeGroup, "eks-nodes").inputs.scalingConfig as any).minSize = 13),
    ),

    // 2. prerequisites
    "prerequisites/s3-object-lock-needs-versioning": clean("prod", (p) =>
        undepend(p, named(p, T.objectLock, "audit-trail"), (d) => d.type === T.versioning),
    ),
    "prerequisites/s3-replication-needs-versioning": clean("prod", (p) =>
        undepend(p, named(p, T.replication, "storage-backups-dr"), (d) => d.type === T.versioning && d.name === "storage-backups"),
    ),
    "prerequisites/s3-replication-object-lock": clean("prod", (p) => {
        delete named(p, T.bucket, "storage-backups-dr").inputs.objectLockEnabled;
        p.resources = p.resources.filter((r) => !(r.type === T.objectLock && r.name === "storage-backups-dr"));
    }),
    "prerequisites/s3-access-log-target": clean("prod", (p) => (named(p, T.bucket, "storage-access-logs").inputs.objectLockEnabled = true)),
    "prerequisites/alb-access-log-bucket": clean("prod", (p) => {
        (named(p, T.encryption, "storage-access-logs").inputs.rules as any)[0].applyServerSideEncryptionByDefault = {
            sseAlgorithm: "aws:kms",
        };
    }),
    "prerequisites/cloudtrail-bucket-policy": clean("prod", (p) =>
        dropStatement(named(p, T.bucketPolicy, "audit-trail"), "policy", "CloudTrailReadsAcl"),
    ),
    "prerequisites/s3-access-log-delivery": clean("prod", (p) =>
        dropStatement(named(p, T.bucketPolicy, "storage-access-logs"), "policy", "S3ServerAccessLogDelivery"),
    ),
    "prerequisites/alb-access-log-delivery": clean("prod", (p) =>
        dropStatement(named(p, T.bucketPolicy, "storage-access-logs"), "policy", "ElbAccessLogDelivery"),
    ),
    "prerequisites/elasticache-failover": clean("prod", (p) => (named(p, T.cache, "cache").inputs.replicasPerNodeGroup = 0)),
    "prerequisites/elasticache-auth-needs-tls": clean("prod", (p) => {
        // The stacks authenticate with RBAC user groups; an AUTH token is the other way in.
        const cache = named(p, T.cache, "cache");
        cache.inputs.authToken = "[secret]";
        cache.inputs.transitEncryptionEnabled = false;
    }),
    "prerequisites/elasticache-kms-needs-at-rest": clean(
        "prod",
        (p) => (named(p, T.cache, "cache").inputs.atRestEncryptionEnabled = false),
    ),
    "prerequisites/elasticache-cluster-mode-parameter": clean("prod", (p) =>
        (named(p, T.cacheParameters, "cache").inputs.parameters as any[]).forEach((x) => x.name === "cluster-enabled" && (x.value = "no")),
    ),
    "prerequisites/rds-replica-of-managed-password": clean(
        "prod",
        (p) => (named(p, T.rds, "database").inputs.manageMasterUserPassword = true),
    ),
    "prerequisites/rds-replica-needs-backups": clean("prod", (p) => delete named(p, T.rds, "database").inputs.backupRetentionPeriod),
    "prerequisites/rds-dependent-settings": clean("prod", (p) => (named(p, T.rds, "database").inputs.performanceInsightsEnabled = false)),
    // Amazon RDS User Guide, "Sharing encrypted snapshots": never a snapshot under the AWS managed key (alias/aws/rds).
    "prerequisites/rds-shared-snapshot-key": made((pass) => sharedSnapshot({ copyKey: pass ? SHARE_KEY : "alias/aws/rds" })),
    // Amazon ECR API reference, CreatePullThroughCacheRule: credentialArn must name a secret under ecr-pullthroughcache/.
    "prerequisites/ecr-pull-through-credential": made((pass) => {
        const fx = new Fixture();
        const secret = fx.add(T.secret, "ghcr", { name: pass ? "ecr-pullthroughcache/omnicare/prod/ghcr" : "omnicare/prod/ghcr" });
        fx.add(
            T.pullThroughCacheRule,
            "ghcr",
            {
                ecrRepositoryPrefix: "ghcr",
                upstreamRegistryUrl: "ghcr.io",
                credentialArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret/ghcr",
            },
            [secret],
            { propertyDependencies: { credentialArn: [secret.urn] } },
        );
        return fx.plan;
    }),
    // Amazon ECR User Guide, "Creating a repository creation template": KMS keys or resource tags need the custom role.
    "prerequisites/ecr-creation-template-role": made((pass) => {
        const fx = new Fixture();
        fx.add(T.repositoryCreationTemplate, "ghcr", {
            prefix: "ghcr",
            appliedFors: ["PULL_THROUGH_CACHE"],
            encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: "arn:aws:kms:us-east-1:123456789012:key/ghcr" }],
            ...(pass ? { customRoleArn: "arn:aws:iam::123456789012:role/ghcr-repository-creation" } : {}),
        });
        return fx.plan;
    }),
    "prerequisites/rds-cross-region-replica": made((pass) =>
        pilotLightData(pass ? {} : { replicaKey: "arn:aws:kms:us-east-1:123456789012:key/data" }),
    ),
    "prerequisites/secret-replicas": made((pass) => pilotLightData(pass ? {} : { secretReplicaRegion: "us-east-1" })),
    // Amazon ECR API Reference, RegistryScanningRule: BASIC supports SCAN_ON_PUSH (MANUAL by default); CONTINUOUS_SCAN is ENHANCED's.
    "prerequisites/ecr-registry-scan-frequency": made((pass) => {
        const fx = new Fixture();
        fx.add(T.registryScanningConfiguration, "image-scanning", {
            scanType: "BASIC",
            rules: [
                { scanFrequency: pass ? "SCAN_ON_PUSH" : "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] },
            ],
        });
        return fx.plan;
    }),
    "prerequisites/route53-failover-record": made((pass) => failoverPair({ secondary: pass ? "SECONDARY" : "PRIMARY" })),
    "prerequisites/route53-health-check": made((pass) => failoverPair({ interval: pass ? 30 : 20 })),
    "prerequisites/waf-cloudfront-scope-region": made((pass) => {
        const fx = new Fixture();
        fx.add(T.webAcl, "cdn", { scope: "CLOUDFRONT", region: pass ? "us-east-1" : "eu-west-1" });
        return fx.plan;
    }),
    "prerequisites/waf-log-destination-name": clean("prod", (p) => {
        named(p, T.webAclLogging, "workloads-web-acl-logs").inputs.logDestinationConfigs = [
            `arn:aws:logs:us-east-1:${accountOf(p)}:log-group:waf-logs`,
        ];
    }),
    "prerequisites/cloudfront-certificate-region": made((pass) => {
        const fx = new Fixture();
        const acl = fx.add(T.webAcl, "cdn", { scope: "CLOUDFRONT", region: "us-east-1" });
        fx.add(
            "aws:cloudfront/distribution:Distribution",
            "cdn",
            {
                viewerCertificate: { acmCertificateArn: `arn:aws:acm:${pass ? "us-east-1" : "eu-west-1"}:123456789012:certificate/x` },
                webAclId: "cdn-id",
            },
            [acl],
        );
        return fx.plan;
    }),
    "prerequisites/waf-log-destination-region": made((pass) => {
        const fx = new Fixture();
        const acl = fx.add(T.webAcl, "cdn", { scope: "CLOUDFRONT", region: "us-east-1" });
        const region = pass ? "us-east-1" : "af-south-1";
        const group = fx.add("aws:cloudwatch/logGroup:LogGroup", "cdn-waf", { name: "aws-waf-logs-cdn", region });
        fx.add(
            T.webAclLogging,
            "cdn",
            { resourceArn: "cdn-arn", logDestinationConfigs: [`arn:aws:logs:${region}:123456789012:log-group:aws-waf-logs-cdn`] },
            [acl, group],
            { propertyDependencies: { resourceArn: [acl.urn], logDestinationConfigs: [group.urn] } },
        );
        return fx.plan;
    }),
    "prerequisites/cloudfront-log-delivery-region": made((pass) => {
        // The delivery's pieces through an explicit provider, as the CDN of a stack outside us-east-1 creates them.
        const fx = new Fixture();
        const provider = fx.add("pulumi:providers:aws", "edge", { region: pass ? "us-east-1" : "af-south-1" });
        const inEdge = { provider: provider.urn };
        const distribution = fx.add("aws:cloudfront/distribution:Distribution", "cdn", {}, [], inEdge);
        const group = fx.add("aws:cloudwatch/logGroup:LogGroup", "cdn-access", { name: "/careplane/cdn-access" }, [], inEdge);
        const source = fx.add(
            "aws:cloudwatch/logDeliverySource:LogDeliverySource",
            "cdn",
            { name: "cdn-access", logType: "ACCESS_LOGS", resourceArn: "arn:aws:cloudfront::123456789012:distribution/E1" },
            [distribution],
            { ...inEdge, propertyDependencies: { resourceArn: [distribution.urn] } },
        );
        const destination = fx.add(
            "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
            "cdn",
            { name: "cdn-access", deliveryDestinationType: "CWL", deliveryDestinationConfiguration: { destinationResourceArn: "x" } },
            [group],
            { ...inEdge, propertyDependencies: { deliveryDestinationConfiguration: [group.urn] } },
        );
        fx.add(
            "aws:cloudwatch/logDelivery:LogDelivery",
            "cdn",
            { deliverySourceName: "cdn-access", deliveryDestinationArn: "cdn-destination-arn" },
            [source, destination],
            { ...inEdge, propertyDependencies: { deliverySourceName: [source.urn], deliveryDestinationArn: [destination.urn] } },
        );
        return fx.plan;
    }),
    "prerequisites/https-listener-certificate": made((pass) => {
        const fx = new Fixture();
        fx.add("aws:lb/listener:Listener", "https", {
            protocol: "HTTPS",
            port: 443,
            ...(pass ? { certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/x" } : {}),
        });
        return fx.plan;
    }),
    "prerequisites/alb-ingress-certificate": clean("prod", (p) => {
        const ingress = named(p, T.ingress, "workloads-ingress");
        delete annotations(ingress)["alb.ingress.kubernetes.io/certificate-arn"];
        cutFrom(p, ingress, (d) => d.type === "aws:acm/certificateValidation:CertificateValidation");
    }),
    "prerequisites/cloudtrail-log-group-arn": clean("prod", (p) => {
        const trail = named(p, T.trail, "audit-trail");
        trail.inputs.cloudWatchLogsGroupArn = String(trail.inputs.cloudWatchLogsGroupArn).replace(/:\*$/, "");
    }),
    // Scheduler's universal target (https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-universal.html):
    // the role must allow the action the target calls; dev's business-hours role allowed a read instead.
    "prerequisites/scheduler-universal-target": clean("dev", (p) =>
        editPolicy(named(p, T.policy, "business-hours-scheduler"), "policy", (doc) => (doc.Statement[0].Action = "eks:DescribeNodegroup")),
    ),
    "prerequisites/log-delivery-role": clean("prod", (p) =>
        editPolicy(named(p, T.policy, "audit-trail"), "policy", (doc) => (doc.Statement[0].Action = ["logs:CreateLogStream"])),
    ),
    "prerequisites/eks-subnets-two-zones": clean("prod", (p) => {
        const vpc = named(p, T.eks, "eks").inputs.vpcConfig as any;
        vpc.subnetIds = [vpc.subnetIds[0], vpc.subnetIds[0]];
    }),
    "prerequisites/backup-retention-within-vault-lock": clean(
        "prod",
        (p) => (named(p, T.vaultLock, "backup-dr").inputs.maxRetentionDays = 365),
    ),
    // Restore testing inferred metadata: without overrides a database restores into the default VPC
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html).
    "prerequisites/backup-restore-test-network": clean("prod", (p) => {
        delete named(p, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "backup-rds").inputs.restoreMetadataOverrides;
    }),
    "prerequisites/backup-selection-supported": made((pass) => {
        const fx = new Fixture();
        const plan = fx.add(T.backupPlan, "backup", { rules: [{ ruleName: "daily", enableContinuousBackup: false }] });
        fx.add(
            "aws:backup/selection:Selection",
            "backup",
            { planId: "backup-id", conditions: [{ stringEquals: [{ key: "aws:ResourceTag/Backup", value: "true" }] }] },
            [plan],
        );
        fx.add(T.rds, "database", { tags: { Backup: "true" } });
        fx.add(T.cache, "cache", { tags: { Backup: pass ? "false" : "true" } });
        return fx.plan;
    }, "warning"),
    "prerequisites/network-policies-enforced": made((pass) => {
        const fx = new Fixture();
        const cluster = fx.add(T.eks, "eks", { version: "1.34" });
        fx.add(
            T.addon,
            "vpc-cni",
            { addonName: "vpc-cni", ...(pass ? { configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) } : {}) },
            [cluster],
        );
        fx.add("kubernetes:networking.k8s.io/v1:NetworkPolicy", "default-deny", { metadata: { name: "default-deny" } });
        return fx.plan;
    }, "warning"),
    "prerequisites/hpa-metrics-api": made((pass) => {
        const fx = new Fixture();
        fx.add("kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "web", {});
        if (pass) fx.add(T.addon, "metrics-server", { addonName: "metrics-server" });
        return fx.plan;
    }, "warning"),

    // EKS API Reference, NodegroupScalingConfig: "When the Cluster Autoscaler is used, the desiredSize parameter is altered by the Cluster Autoscaler".
    "prerequisites/autoscaled-node-group-size": made((pass) => {
        const fx = new Fixture();
        fx.add(T.release, "cluster-autoscaler", { chart: "cluster-autoscaler" });
        const group = fx.add(T.nodeGroup, "nodes", { scalingConfig: { desiredSize: 3, minSize: 3, maxSize: 12 } });
        if (pass) group.options.ignoreChanges = ["scalingConfig.desiredSize"];
        return fx.plan;
    }, "warning"),

    // 3. principals
    "principals/exist": clean("prod", (p) => {
        p.resources = p.resources.filter((r) => r.type !== T.slr);
    }),

    // 4. key policies
    "key-policies/cloudtrail": clean("prod", (p) => dropStatement(named(p, T.key, "keys-logs"), "policy", "CloudTrailDescribesKey")),
    "key-policies/cloudwatch-logs": clean("prod", (p) =>
        editPolicy(named(p, T.key, "keys-logs"), "policy", (doc) => {
            const s = doc.Statement.find((x) => x.Sid === "CloudWatchLogsEncryptsThisAccountsLogGroups")!;
            s.Condition = { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:999999999999:*" } };
        }),
    ),
    "key-policies/sns-cloudwatch-alarms": clean("prod", (p) =>
        dropStatement(named(p, T.key, "alarms-key"), "policy", "CloudWatchAlarmsEncryptNotifications"),
    ),
    "key-policies/s3": clean("prod", (p) => editViaServices(named(p, T.key, "keys-data"), (s) => s.filter((v) => !v.startsWith("s3.")))),
    "key-policies/s3-replication": clean("prod", (p) =>
        dropStatement(named(p, T.policy, "storage-backups-dr"), "policy", "DecryptSourceObjects"),
    ),
    "key-policies/backup": clean("prod", (p) =>
        editViaServices(named(p, T.key, "dr-backups"), (s) => s.filter((v) => !v.startsWith("backup."))),
    ),
    "key-policies/eks": clean("prod", (p) =>
        editPolicy(named(p, T.key, "keys-cluster"), "policy", (doc) =>
            doc.Statement.push({
                Effect: "Deny",
                Principal: "*",
                Action: "kms:CreateGrant",
                Resource: "*",
                Condition: { Bool: { "aws:PrincipalIsAWSService": "false" } },
            }),
        ),
    ),
    "key-policies/autoscaling-ebs": clean("prod", (p) =>
        dropStatement(named(p, T.key, "keys-data"), "policy", "AutoScalingGrantsNodeVolumesOnly"),
    ),
    // An RDS-managed master secret (careplane's own master entry is a Secrets Manager secret of its own).
    "key-policies/rds": clean("dev", (p) =>
        Object.assign(named(p, T.rds, "database").inputs, {
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: `arn:aws:kms:us-east-1:${accountOf(p)}:key/keys-logs`,
        }),
    ),
    "key-policies/elasticache": clean("prod", (p) =>
        editPolicy(named(p, T.key, "keys-data"), "policy", (doc) =>
            doc.Statement.push({
                Effect: "Deny",
                Principal: "*",
                Action: "kms:*",
                Resource: "*",
                Condition: { StringEquals: { "kms:ViaService": "elasticache.us-east-1.amazonaws.com" } },
            }),
        ),
    ),
    "key-policies/secrets-manager": clean("prod", (p) =>
        editViaServices(named(p, T.key, "keys-secrets"), () => ["rds.us-east-1.amazonaws.com"]),
    ),
    // OmniCare's plan, the one with a pull-through cache rule: without the statement naming ECR's role, the secrets key refuses it.
    "key-policies/ecr-pull-through-cache": {
        passing: async () => [structuredClone(await examplePlan("omnicare", "prod"))],
        failing: async () => {
            const p = structuredClone(await examplePlan("omnicare", "prod"));
            dropStatement(named(p, T.key, "keys-secrets"), "policy", "EcrPullThroughCacheReadsItsCredential");
            return [p];
        },
    },

    // AROCORD's prod shares scrubbed snapshots with its staging account: without CreateGrant through RDS, staging cannot copy them.
    "key-policies/rds-snapshot-sharing": {
        passing: async () => [structuredClone(await examplePlan("arocord", "prod"))],
        failing: async () => {
            const p = structuredClone(await examplePlan("arocord", "prod"));
            dropStatement(named(p, T.key, "data-refresh"), "policy", "StagingAccountGrantsRdsItsCopies");
            return [p];
        },
    },

    // 5. order
    "order/custom-resource-after-crd": clean("prod", (p) =>
        undepend(p, named(p, T.prometheusRule, "monitoring-careplane-errors"), (d) => d.type === T.release),
    ),
    "order/admission-webhook-ready": clean("prod", (p) =>
        cutFrom(p, named(p, T.service, "workloads-api"), (d) => d.name === "eks-lb-controller"),
    ),
    "order/namespace-first": clean("prod", (p) =>
        undepend(p, named(p, T.configMap, "workloads-web-config"), (d) => d.type === T.namespace),
    ),
    "order/role-permissions-before-use": clean("prod", (p) =>
        undepend(p, named(p, T.nodeGroup, "eks-nodes"), (d) => d.type === T.attachment),
    ),
    "order/eks-addons-and-nodes": clean("prod", (p) => undepend(p, named(p, T.nodeGroup, "eks-nodes"), (d) => d.name === "eks-kube-proxy")),
    "order/trail-after-bucket-policy": clean("prod", (p) =>
        undepend(p, named(p, T.trail, "audit-trail"), (d) => d.type === T.bucketPolicy),
    ),

    // 6. reachability
    "reachability/provider-connections": clean("prod", (p) => {
        (named(p, T.eks, "eks").inputs.vpcConfig as any).endpointPrivateAccess = false;
    }),
    "reachability/private-endpoint-dns": clean("prod", (p) => (named(p, T.vpc, "network").inputs.enableDnsSupport = false)),
    "reachability/deployer-cluster-access": made((pass) => {
        // API authentication, no creator admin: the deploy role's access entry must make it cluster
        // admin (a view policy only lets it read) before the Kubernetes provider connects.
        const fx = new Fixture();
        const cluster = fx.add(T.eks, "eks", {
            accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
        });
        const principalArn = "arn:aws:iam::123456789012:role/caresync-prod-ci-deploy";
        const entry = fx.add(T.accessEntry, "eks-access-deploy", { principalArn, type: "STANDARD" }, [cluster]);
        const policy = pass ? "AmazonEKSClusterAdminPolicy" : "AmazonEKSViewPolicy";
        const association = fx.add(
            T.accessPolicy,
            "eks-access-deploy",
            { principalArn, policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`, accessScope: { type: "cluster" } },
            [cluster, entry],
        );
        fx.add(T.k8sProvider, "eks-k8s", {}, [cluster, association], { custom: false });
        return fx.plan;
    }),

    // 8. calendars
    "calendars/standard-support": made((pass) => {
        const fx = new Fixture();
        fx.add(T.eks, "eks", { version: "1.35" });
        fx.add(T.rds, "database", { engine: "postgres", engineVersion: "16" });
        fx.add(T.cache, "cache", { engine: "redis", engineVersion: pass ? "7.1" : "5.0.6" });
        return fx.plan;
    }),
    "calendars/addon-versions": made((pass) => {
        const fx = new Fixture();
        const cluster = fx.add(T.eks, "eks", { version: "1.33" });
        const pins = {
            "kube-proxy": pass ? "v1.33.3-eksbuild.6" : "v1.32.0-eksbuild.2",
            coredns: "v1.12.4-eksbuild.1",
            "vpc-cni": "v1.20.1-eksbuild.3",
        };
        for (const [addonName, addonVersion] of Object.entries(pins)) fx.add(T.addon, addonName, { addonName, addonVersion }, [cluster]);
        return fx.plan;
    }),
    "calendars/chart-kubernetes-versions": made((pass) => {
        const fx = new Fixture();
        const cluster = fx.add(T.eks, "eks", { version: pass ? "1.35" : "1.33" });
        fx.add(T.release, "eso", { chart: "external-secrets", version: "2.7.0" }, [cluster]);
        return fx.plan;
    }, "warning"),

    // 9. destroy
    "destroy/protect": clean("test", (p) => (named(p, T.secret, "secrets-jwt").protect = true)),
    "destroy/deletion-protection": clean("test", (p) => (named(p, T.eks, "eks").inputs.deletionProtection = true)),
    "destroy/controller-load-balancers": clean("test", (p) =>
        cutFrom(p, named(p, T.ingress, "workloads-ingress"), (d) => d.name === "eks-lb-controller"),
    ),
    "destroy/finalizers": clean(
        "dev",
        (p) => ((named(p, T.configMap, "workloads-web-config").inputs.metadata as any).finalizers = ["example.com/keep"]),
    ),
    "destroy/retain-on-delete": clean("dev", (p) => (named(p, T.bucket, "storage-images").options.retainOnDelete = true), "warning"),
    "destroy/buckets-emptied": clean("test", (p) => (named(p, T.bucket, "audit-trail").inputs.forceDestroy = false)),
    "destroy/vaults-emptied": clean("dev", (p) => (named(p, T.vault, "backup").inputs.forceDestroy = false)),
    "destroy/secret-recovery-window": clean("test", (p) => delete named(p, T.secret, "secrets-api/redis").inputs.recoveryWindowInDays),
    "destroy/final-snapshot-names": clean(
        "dev",
        (p) => (named(p, T.cache, "cache").inputs.finalSnapshotIdentifier = "caresync-dev-redis-final"),
    ),
    "destroy/own-policies-allow-deletion": clean("dev", (p) =>
        editPolicy(named(p, T.key, "keys-logs"), "policy", (doc) =>
            doc.Statement.push({ Effect: "Deny", Principal: "*", Action: "kms:ScheduleKeyDeletion", Resource: "*" }),
        ),
    ),
};

/** Account-level rules: hand-made stacks in one account (failing) or one account each (passing). */
const account = (type: string, count: number, perResource: (i: number) => Record<string, unknown> = () => ({})) =>
    made((pass) =>
        ["a", "b"].map((stack) => {
            const fx = new Fixture("prod", stack);
            fx.plan.deployment = {
                accountId: pass && stack === "b" ? "222222222222" : "111111111111",
                region: "us-east-1",
                runner: "vpc",
                singletons: pass || stack === "a",
            };
            for (let i = 0; i < count; i++) fx.add(type, `${type.split(":").pop()}-${i}`, perResource(i));
            return fx.plan;
        }),
    );

/**
 * Two stacks in one account: `owner` owns its singletons and creates Auto Scaling's service-linked
 * role when `ownerCreatesRole`; `tenant` does not own them (unless `tenantOwns`) and its data key names the role.
 */
function sharedAccount(ownerCreatesRole: boolean, tenantOwns: boolean): Plan[] {
    const accountId = "111111111111";
    const [owner, tenant] = ["owner", "tenant"].map((stack) => {
        const fx = new Fixture("prod", stack);
        fx.plan.deployment = { accountId, region: "us-east-1", runner: "vpc", singletons: stack === "owner" || tenantOwns };
        return fx;
    });
    if (ownerCreatesRole) owner.add(T.slr, "autoscaling", { awsServiceName: "autoscaling.amazonaws.com" });
    const role = `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
    tenant.add(T.key, "keys-data", {
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { AWS: role }, Action: "kms:Decrypt", Resource: "*" }],
        }),
    });
    return [owner.plan, tenant.plan];
}

Object.assign(CASES, {
    "account/singletons": account(T.guardduty, 1),
    "principals/service-linked-roles-owned": made((pass) => sharedAccount(pass, false)),
    "account/quota-elastic": account("aws:ec2/eip:Eip", 3, () => ({ domain: "vpc" })),
    "account/quota-vpcs": account(T.vpc, 3),
    "account/quota-internet": account("aws:ec2/internetGateway:InternetGateway", 3),
    "account/quota-nat-per-zone": made((pass) =>
        ["a", "b"].map((stack) => {
            const fx = new Fixture("prod", stack);
            fx.plan.deployment = { accountId: "111111111111", region: "us-east-1", runner: "vpc", singletons: stack === "a" };
            const subnet = fx.add(T.subnet, "public", { availabilityZone: pass && stack === "b" ? "us-east-1b" : "us-east-1a" });
            for (let i = 0; i < 3; i++) fx.add("aws:ec2/natGateway:NatGateway", `nat-${i}`, { subnetId: "public-id" }, [subnet]);
            return fx.plan;
        }),
    ),
    "account/quota-eks": account(T.eks, 51),
    "account/quota-rds": account(T.rds, 21),
    "account/quota-elasticache": account(T.cache, 2, () => ({ numNodeGroups: 15, replicasPerNodeGroup: 9 })),
    "account/quota-cloudtrail": account(T.trail, 3),
    "account/quota-backup": account(T.vault, 51),
    "account/names-unique": account(T.secret, 1, () => ({ name: "caresync/shared/jwt" })),
});

describe("deploy readiness: every hand-written rule fails its failing fixture and passes its passing one", function () {
    this.timeout(300000);
    const generated = new Set(CONSTRAINTS.map(ruleIdOf));
    const ids = [...stackRules, ...runRules].map((r) => r.id).filter((id) => !generated.has(id));

    it("has a case for every rule", () => {
        expect(ids.filter((id) => !CASES[id])).to.deep.equal([]);
        expect(Object.keys(CASES).filter((id) => !ids.includes(id))).to.deep.equal([]);
    });

    for (const id of ids) {
        it(id, async () => {
            const c = CASES[id];
            const findings = async (plans: Plan[]) =>
                (await analyzeRun(plans, { today: TODAY })).flatMap((r) => r.findings).filter((f) => f.rule === id);
            expect(await findings(await c.passing()), "passing fixture").to.deep.equal([]);
            const failing = await findings(await c.failing());
            expect(failing, "failing fixture").to.not.be.empty;
            expect(failing.map((f) => f.severity)).to.include(c.severity ?? "blocker");
        });
    }
});

describe("deploy readiness: prerequisites/ecr-pull-through-credential knows which upstreams need a credential", () => {
    // "Sync an upstream registry with an Amazon ECR private registry": ECR Public needs none, ghcr.io a Secrets Manager
    // credential; without one ECR answers UnsupportedUpstreamRegistryException (aws-controllers-k8s/community#2589).
    const findings = async (upstream: string) => {
        const fx = new Fixture();
        fx.add(T.pullThroughCacheRule, "cache", { ecrRepositoryPrefix: "cache", upstreamRegistryUrl: upstream });
        return (await analyzeRun([fx.plan], { today: TODAY }))
            .flatMap((r) => r.findings)
            .filter((f) => f.rule === "prerequisites/ecr-pull-through-credential");
    };
    it("leaves a rule for ECR Public without a credential alone", async () => {
        expect(await findings("public.ecr.aws")).to.deep.equal([]);
    });
    it("refuses a rule for ghcr.io without a credential", async () => {
        const [finding] = await findings("ghcr.io");
        expect(finding.awsError).to.equal("UnsupportedUpstreamRegistryException");
    });
});

/**
 * A pilot light's database and a primary's replicated entry, as caresync's prod-dr and prod write them: a replica in
 * us-west-2 of prod's us-east-1 primary by ARN under a us-west-2 key, and a us-east-1 entry replicated to us-west-2
 * under a us-west-2 key; with one setting changed.
 */
function pilotLightData(
    change: { source?: string; replicaKey?: string | null; secretReplicaRegion?: string; secretReplicaKey?: string } = {},
): Plan {
    const fx = new Fixture();
    const east = fx.add("pulumi:providers:aws", "east", { region: "us-east-1" });
    const west = fx.add("pulumi:providers:aws", "west", { region: "us-west-2" });
    const replicaKey = change.replicaKey === undefined ? "arn:aws:kms:us-west-2:123456789012:key/data" : change.replicaKey;
    fx.add(
        T.rds,
        "database",
        {
            identifier: "caresync-prod-dr-db",
            replicateSourceDb: change.source ?? "arn:aws:rds:us-east-1:123456789012:db:caresync-prod-db",
            storageEncrypted: true,
            ...(replicaKey === null ? {} : { kmsKeyId: replicaKey }),
            backupRetentionPeriod: 35,
        },
        [],
        { provider: west.urn },
    );
    fx.add(
        T.secret,
        "secrets-jwt",
        {
            name: "caresync/prod/jwt",
            kmsKeyId: "arn:aws:kms:us-east-1:123456789012:key/secrets",
            replicas: [
                {
                    region: change.secretReplicaRegion ?? "us-west-2",
                    kmsKeyId: change.secretReplicaKey ?? "arn:aws:kms:us-west-2:123456789012:key/dr-secrets",
                },
            ],
        },
        [],
        { provider: east.urn },
    );
    return fx.plan;
}

describe("deploy readiness: a pilot light's cross-region replica and its primary's secret replicas, one rule at a time", function () {
    this.timeout(60000);
    const found = async (id: string, plan: Plan) =>
        (await analyzeRun([plan], { today: TODAY })).flatMap((r) => r.findings).filter((f) => f.rule === id);
    const messages = async (id: string, plan: Plan) => (await found(id, plan)).map((f) => [f.name, f.severity, f.message]);

    it("the replica and the entry as caresync writes them: no finding of either rule", async () => {
        expect(await found("prerequisites/rds-cross-region-replica", pilotLightData())).to.deep.equal([]);
        expect(await found("prerequisites/secret-replicas", pilotLightData())).to.deep.equal([]);
    });

    it("an encrypted cross-region replica without a key of its region: a blocker", async () => {
        expect(await messages("prerequisites/rds-cross-region-replica", pilotLightData({ replicaKey: null }))).to.deep.equal([
            [
                "database",
                "blocker",
                "RDS refuses the cross-region read replica: an encrypted replica in us-west-2 needs a KMS key of us-west-2",
            ],
        ]);
    });

    it("a cross-region replica under the source region's key: a blocker", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/data";
        expect(await messages("prerequisites/rds-cross-region-replica", pilotLightData({ replicaKey: key }))).to.deep.equal([
            ["database", "blocker", `RDS refuses the cross-region read replica: its key ${key} is not in us-west-2`],
        ]);
    });

    it("a replica of an instance in its own region needs no ARN and takes the source's key: no finding", async () => {
        const plan = pilotLightData({ source: "arn:aws:rds:us-west-2:123456789012:db:caresync-prod-dr-db-0", replicaKey: null });
        expect(await found("prerequisites/rds-cross-region-replica", plan)).to.deep.equal([]);
    });

    it("a secret replicated into its own region: a blocker", async () => {
        expect(
            await messages("prerequisites/secret-replicas", pilotLightData({ secretReplicaRegion: "us-east-1" })),
        ).to.deep.include.members([
            ["secrets-jwt", "blocker", "Secrets Manager refuses the replication: a replica in us-east-1, the secret's own region"],
        ]);
    });

    it("a secret replica under a key of another region: a blocker", async () => {
        const key = "arn:aws:kms:us-east-1:123456789012:key/secrets";
        expect(await messages("prerequisites/secret-replicas", pilotLightData({ secretReplicaKey: key }))).to.deep.equal([
            [
                "secrets-jwt",
                "blocker",
                "Secrets Manager refuses the replication: the replica in us-west-2 is under a key of us-east-1, not of us-west-2",
            ],
        ]);
    });
});

/** The failover pair careplane writes (an alias per region, the primary's health check on its ALB), with one setting changed. */
function failoverPair(change: { secondary?: string; interval?: number; fqdn?: string; setIdentifier?: string; ttl?: number } = {}): Plan {
    const fx = new Fixture();
    const alb = "k8s-caresync-0123456789.us-east-1.elb.amazonaws.com";
    const check = fx.add("aws:route53/healthCheck:HealthCheck", "failover-health", {
        type: "HTTPS",
        fqdn: change.fqdn ?? alb,
        port: 443,
        resourcePath: "/ready",
        requestInterval: change.interval ?? 30,
        failureThreshold: 3,
    });
    const record = (name: string, type: string, region: string, zone: string, target: string, extra: Record<string, unknown>) =>
        fx.add("aws:route53/record:Record", name, {
            zoneId: "Z0CARESYNC",
            name: "app.caresync.example.org",
            type: "A",
            setIdentifier: region,
            failoverRoutingPolicies: [{ type }],
            aliases: [{ name: target, zoneId: zone, evaluateTargetHealth: true }],
            ...extra,
        });
    record("failover", "PRIMARY", "us-east-1", "Z35SXDOTRQ7X7K", alb, { healthCheckId: "failover-health-id" });
    fx.plan.resources[fx.plan.resources.length - 1].propertyDependencies = { healthCheckId: [check.urn] };
    const secondary = record(
        "failover-dr",
        change.secondary ?? "SECONDARY",
        "us-west-2",
        "Z1H1FL5HABSF5",
        "k8s-caresync-dr.us-west-2.elb.amazonaws.com",
        {
            ...(change.ttl !== undefined ? { ttl: change.ttl } : {}),
        },
    );
    if ("setIdentifier" in change) secondary.inputs.setIdentifier = change.setIdentifier;
    return fx.plan;
}

describe("deploy readiness: Route 53 failover records and their health check, one rule at a time", function () {
    this.timeout(60000);
    const found = async (id: string, plan: Plan) =>
        (await analyzeRun([plan], { today: TODAY })).flatMap((r) => r.findings).filter((f) => f.rule === id);

    it("the pair careplane writes: no finding of either rule", async () => {
        expect(await found("prerequisites/route53-failover-record", failoverPair())).to.deep.equal([]);
        expect(await found("prerequisites/route53-health-check", failoverPair())).to.deep.equal([]);
    });

    it("a failover record without a set identifier: a blocker", async () => {
        const findings = await found("prerequisites/route53-failover-record", failoverPair({ setIdentifier: undefined }));
        expect(findings.map((f) => [f.name, f.severity, f.message])).to.deep.equal([
            ["failover-dr", "blocker", "Route 53 refuses the change batch: a failover record needs a SetIdentifier"],
        ]);
    });

    it("an alias record with a TTL: a blocker", async () => {
        const findings = await found("prerequisites/route53-failover-record", failoverPair({ ttl: 60 }));
        expect(findings.map((f) => [f.name, f.message])).to.deep.equal([
            ["failover-dr", "Route 53 refuses the change batch: an alias record takes neither a TTL nor values"],
        ]);
    });

    it("a PRIMARY record with values instead of an alias, and no health check: a blocker", async () => {
        const plan = failoverPair();
        const primary = plan.resources.find((r) => r.name === "failover")!;
        delete primary.inputs.aliases;
        delete primary.inputs.healthCheckId;
        Object.assign(primary.inputs, { ttl: 60, records: ["192.0.2.10"] });
        const findings = await found("prerequisites/route53-failover-record", plan);
        expect(findings.map((f) => [f.name, f.message])).to.deep.equal([
            ["failover", "Route 53 refuses the change batch: a non-alias PRIMARY record needs a health check"],
        ]);
    });

    it("two PRIMARY records of one name: a blocker on the second", async () => {
        const findings = await found("prerequisites/route53-failover-record", failoverPair({ secondary: "PRIMARY" }));
        expect(findings.map((f) => [f.name, f.message])).to.deep.equal([
            ["failover-dr", "Route 53 refuses the change batch: failover is already the PRIMARY record of app.caresync.example.org A"],
        ]);
    });

    it("a health check on the name the record answers: a warning, not a blocker (AWS accepts it; its results are unpredictable)", async () => {
        const findings = await found("prerequisites/route53-health-check", failoverPair({ fqdn: "app.caresync.example.org." }));
        expect(findings.map((f) => [f.name, f.severity])).to.deep.equal([["failover-health", "warning"]]);
    });

    it("a health check every 20 s: a blocker", async () => {
        const findings = await found("prerequisites/route53-health-check", failoverPair({ interval: 20 }));
        expect(findings.map((f) => [f.name, f.severity, f.awsError])).to.deep.equal([["failover-health", "blocker", "InvalidInput"]]);
    });
});

describe("deploy readiness: principals/exist knows the service principals careplane's policies name", () => {
    it("admits GuardDuty Malware Protection for S3's plan role principal and refuses a misspelling of it", () => {
        // The trust GuardDuty documents for the scan role (not the Malware Protection service-linked role).
        expect(isServicePrincipal("malware-protection-plan.guardduty.amazonaws.com")).to.equal(true);
        expect(isServicePrincipal("malware-protection-plans.guardduty.amazonaws.com")).to.equal(false);
    });

    it("admits ECR's principal, which a repository creation template's role trusts, and refuses a regional form AWS does not issue", () => {
        // Amazon ECR User Guide, "Create an IAM role for repository creation templates".
        expect(isServicePrincipal("ecr.amazonaws.com")).to.equal(true);
        expect(isServicePrincipal("ecr.us-east-1.amazonaws.com")).to.equal(false);
    });
});

describe("deploy readiness: principals/exist leaves a service-linked role to the stack that owns the account's singletons", () => {
    const found = async (plans: Plan[]) =>
        (await analyzeRun(plans, { today: TODAY })).flatMap((r) => r.findings).filter((f) => f.rule === "principals/exist");

    it("a stack that does not own them may name the role it must not create (account/singletons)", async () => {
        expect(await found(sharedAccount(true, false).slice(1))).to.deep.equal([]);
    });

    it("a stack that owns them names the role only if it creates it", async () => {
        expect((await found(sharedAccount(true, true).slice(1))).map((f) => f.name)).to.deep.equal(["keys-data"]);
    });

    /** The tenant as a pilot light: it owns its own region's singletons, in its primary's account, in another region. */
    const pilotLight = (ownerCreatesRole: boolean) => {
        const [owner, tenant] = sharedAccount(ownerCreatesRole, true);
        tenant.deployment = { ...tenant.deployment!, region: "us-west-2", drRole: "pilot-light" };
        return [owner, tenant];
    };
    const owned = async (plans: Plan[]) =>
        (await analyzeRun(plans, { today: TODAY })).flatMap((r) =>
            r.findings.filter((f) => f.rule === "principals/service-linked-roles-owned").map((f) => [r.stack, f.name]),
        );

    it("a pilot light owning its region's singletons names the global role its primary creates: no finding", async () => {
        expect(await found(pilotLight(true).slice(1))).to.deep.equal([]);
        expect(await owned(pilotLight(true))).to.deep.equal([]);
    });

    it("a pilot light whose primary does not create the role: principals/service-linked-roles-owned finds it", async () => {
        expect(await owned(pilotLight(false))).to.deep.equal([["tenant", "keys-data"]]);
    });
});

describe("deploy readiness: an RDS instance under AWS Backup's continuous backup", function () {
    const plan = (instanceDays: number) => {
        const fx = new Fixture();
        const backupPlan = fx.add(T.backupPlan, "backup", {
            rules: [{ ruleName: "hourly", enableContinuousBackup: true, lifecycle: { deleteAfter: 35 } }],
        });
        fx.add(
            "aws:backup/selection:Selection",
            "backup",
            { planId: "backup-id", conditions: [{ stringEquals: [{ key: "aws:ResourceTag/Backup", value: "true" }] }] },
            [backupPlan],
        );
        fx.add(T.rds, "database", { tags: { Backup: "true" }, backupRetentionPeriod: instanceDays });
        return fx.plan;
    };
    const findings = async (days: number) =>
        (await analyzeRun([plan(days)], { today: TODAY }))
            .flatMap((r) => r.findings)
            .filter((f) => f.rule === "prerequisites/backup-selection-supported");

    it("keeps the continuous rule's retention: no finding", async () => {
        expect(await findings(35)).to.deep.equal([]);
    });

    it("sets another retention, which AWS Backup rewrites: a warning naming both figures", async () => {
        const [finding] = await findings(7);
        expect(finding.severity).to.equal("warning");
        expect(finding.message).to.contain("backupRetentionPeriod 7, not the rule's 35");
    });
});

describe("deploy readiness: a SecurityGroupPolicy, whose kind the EKS control plane serves", () => {
    const plan = (waitsForCluster: boolean) => {
        const fx = new Fixture();
        const cluster = fx.add(T.eks, "eks", { version: "1.35" });
        fx.add("kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy", "api-security-groups", {}, waitsForCluster ? [cluster] : []);
        return fx.plan;
    };
    const findings = async (waits: boolean) =>
        (await analyzeRun([plan(waits)], { today: TODAY }))
            .flatMap((r) => r.findings)
            .filter((f) => f.rule === "order/custom-resource-after-crd");

    it("needs no chart once it waits for the cluster: no finding", async () => {
        expect(await findings(true)).to.deep.equal([]);
    });

    it("created before the cluster exists: a blocker naming the cluster", async () => {
        const [finding] = await findings(false);
        expect(finding.severity).to.equal("blocker");
        expect(finding.message).to.contain("until eks has installed its CRD");
    });
});

describe("deploy readiness: destroy/buckets-emptied asks the bucket's own policy whether the deploy role can empty it", function () {
    this.timeout(120000);
    const backupsFindings = async (edit: (p: Plan) => void = () => {}) => {
        const p = await cleanPlan("dev");
        edit(p);
        return (await analyzeRun([p], { today: TODAY }))
            .flatMap((r) => r.findings)
            .filter((f) => f.rule === "destroy/buckets-emptied" && f.name === "storage-backups");
    };
    const backupsPolicy = (p: Plan) => named(p, T.bucketPolicy, "storage-backups");
    const deniedActions = (messages: string[]) => messages.map((m) => m.match(/(?:denies|does not grant) it (\S+):/)?.[1]);

    it("the dev backup bucket's deny exempts the deploy role: no finding", async () => {
        expect(await backupsFindings()).to.deep.equal([]);
    });

    it("a locked bucket whose deny covers everyone (the policy before the exemption): deleting versions and bypassing GOVERNANCE fail", async () => {
        const found = await backupsFindings((p) =>
            editPolicy(backupsPolicy(p), "policy", (doc) => {
                for (const s of doc.Statement.filter((x) => x.Sid === "OnlyTheEmptierDeletesLockedVersions")) delete s.Condition;
            }),
        );
        expect(deniedActions(found.map((f) => f.message))).to.deep.equal(["s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"]);
        expect(found[0].awsError).to.contain("AccessDenied");
    });

    it("the deploy role exempted from deleting versions but not from bypassing GOVERNANCE retention: one finding", async () => {
        const found = await backupsFindings((p) =>
            editPolicy(backupsPolicy(p), "policy", (doc) =>
                doc.Statement.push({
                    Sid: "NobodyBypassesGovernance",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:BypassGovernanceRetention",
                    Resource: `arn:aws:s3:::caresync-dev-backups-${accountOf(p)}/*`,
                }),
            ),
        );
        expect(deniedActions(found.map((f) => f.message))).to.deep.equal(["s3:BypassGovernanceRetention"]);
    });

    it("the allow-list without the deploy role among its emptiers: listing and deleting versions fail", async () => {
        const found = await backupsFindings((p) =>
            editPolicy(backupsPolicy(p), "policy", (doc) => {
                const s = doc.Statement.find((x) => x.Sid === "OnlyNamedPrincipalsListOrDeleteObjects")!;
                const c = (s.Condition as any).ArnNotEquals;
                c["aws:PrincipalArn"] = c["aws:PrincipalArn"].filter((a: string) => !a.endsWith("-ci-deploy"));
            }),
        );
        expect(deniedActions(found.map((f) => f.message))).to.deep.equal(["s3:ListBucketVersions", "s3:DeleteObjectVersion"]);
    });

    it("asks nothing of an unlocked bucket's policy about GOVERNANCE retention", async () => {
        const p = await cleanPlan("dev");
        editPolicy(named(p, T.bucketPolicy, "storage-documents"), "policy", (doc) =>
            doc.Statement.push({
                Effect: "Deny",
                Principal: "*",
                Action: "s3:BypassGovernanceRetention",
                Resource: `arn:aws:s3:::caresync-dev-documents-${accountOf(p)}/*`,
            }),
        );
        const found = (await analyzeRun([p], { today: TODAY }))
            .flatMap((r) => r.findings)
            .filter((f) => f.rule === "destroy/buckets-emptied");
        expect(found).to.deep.equal([]);
    });
});

describe("deploy readiness: a CloudFront certificate the plan issues, whose ARN is unknown until it exists", () => {
    const plan = (certificateRegion: string) => {
        const fx = new Fixture();
        const provider = fx.add("pulumi:providers:aws", "edge", { region: certificateRegion });
        const certificate = fx.add(
            "aws:acm/certificate:Certificate",
            "cdn",
            { domainName: "app.example.org", validationMethod: "DNS" },
            [],
            {
                provider: provider.urn,
            },
        );
        const validation = fx.add(
            "aws:acm/certificateValidation:CertificateValidation",
            "cdn",
            { certificateArn: "unknown" },
            [certificate],
            {
                provider: provider.urn,
                propertyDependencies: { certificateArn: [certificate.urn] },
            },
        );
        fx.add("aws:cloudfront/distribution:Distribution", "cdn", { viewerCertificate: { acmCertificateArn: "unknown" } }, [validation], {
            propertyDependencies: { viewerCertificate: [validation.urn] },
        });
        return fx.plan;
    };
    const findings = async (region: string) =>
        (await analyzeRun([plan(region)], { today: TODAY }))
            .flatMap((r) => r.findings)
            .filter((f) => f.rule === "prerequisites/cloudfront-certificate-region");

    it("issued through a us-east-1 provider: no finding", async () => {
        expect(await findings("us-east-1")).to.deep.equal([]);
    });

    it("issued through the stack's af-south-1 provider: a blocker naming the certificate and its region", async () => {
        const [finding] = await findings("af-south-1");
        expect(finding.severity).to.equal("blocker");
        expect(finding.message).to.contain("cdn is in af-south-1");
    });
});

describe("deploy readiness: Scheduler's universal targets and local-time zones", () => {
    const findingsOf = async (plan: Plan, rule: string) =>
        (await analyzeRun([plan], { today: TODAY })).flatMap((r) => r.findings).filter((f) => f.rule === rule);
    const SCHEDULE = "aws:scheduler/schedule:Schedule";

    it("refuses a read-only action as a universal target (the page's Unsupported actions)", async () => {
        const p = await cleanPlan("dev");
        (named(p, SCHEDULE, "business-hours-scale-up").inputs.target as any).arn = "arn:aws:scheduler:::aws-sdk:eks:describeNodegroup";
        const found = await findingsOf(p, "prerequisites/scheduler-universal-target");
        expect(found.map((f) => [f.name, f.awsError])).to.deep.equal([["business-hours-scale-up", "ValidationException"]]);
    });

    it("finds a role Scheduler cannot assume: its trust names another service", async () => {
        const p = await cleanPlan("dev");
        editPolicy(named(p, T.role, "business-hours-scheduler"), "assumeRolePolicy", (doc) => {
            doc.Statement[0].Principal = { Service: "events.amazonaws.com" };
        });
        const found = await findingsOf(p, "prerequisites/scheduler-universal-target");
        expect(found.map((f) => f.name).sort()).to.deep.equal(["business-hours-scale-down", "business-hours-scale-up"]);
        expect(found[0].message).to.contain("scheduler.amazonaws.com cannot assume");
    });

    it("checks the zone of SSM maintenance windows too", async () => {
        const p = await examplePlan("caresync", "prod");
        const window = p.resources.find((r) => r.type === "aws:ssm/maintenanceWindow:MaintenanceWindow")!;
        expect(await findingsOf(p, "constraints/schedule-time-zone")).to.deep.equal([]);
        window.inputs.scheduleTimezone = "Eastern";
        expect((await findingsOf(p, "constraints/schedule-time-zone")).map((f) => f.name)).to.deep.equal([window.name]);
    });
});

describe("deploy readiness: prerequisites/backup-restore-test-network names what a database restore test lacks", () => {
    const findingsOf = async (plan: Plan) =>
        (await analyzeRun([plan], { today: TODAY }))
            .flatMap((r) => r.findings)
            .filter((f) => f.rule === "prerequisites/backup-restore-test-network");
    const rds = (p: Plan) => named(p, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "backup-rds").inputs as any;

    it("a security group AWS Backup would have to find outside the stack", async () => {
        const p = await cleanPlan("prod");
        rds(p).restoreMetadataOverrides.vpcSecurityGroupIds = JSON.stringify(["sg-default"]);
        const found = await findingsOf(p);
        expect(found).to.have.length(1);
        expect(found[0].message).to.contain("no vpcSecurityGroupIds").and.not.contain("dbSubnetGroupName");
    });

    it("a subnet group given as a bare name the stack does not create", async () => {
        const p = await cleanPlan("prod");
        rds(p).restoreMetadataOverrides.dbSubnetGroupName = "default";
        const found = await findingsOf(p);
        expect(found.map((f) => f.message.includes("no dbSubnetGroupName"))).to.deep.equal([true]);
    });

    it("leaves the S3 restore test alone: a bucket restores into a new bucket", async () => {
        const p = await cleanPlan("prod");
        const s3 = named(p, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "backup-s3");
        expect(s3.inputs.restoreMetadataOverrides).to.equal(undefined);
        expect(await findingsOf(p)).to.deep.equal([]);
    });
});

describe("deploy readiness: prerequisites/rds-shared-snapshot-key reads a snapshot's key from its instance", () => {
    const findings = async (plan: Plan) =>
        (await analyzeRun([plan], { today: TODAY }))
            .flatMap((r) => r.findings)
            .filter((f) => f.rule === "prerequisites/rds-shared-snapshot-key");

    it("a shared snapshot of an instance under a customer managed key: no finding", async () => {
        expect(await findings(sharedSnapshot({ instanceKey: SHARE_KEY }))).to.deep.equal([]);
    });

    it("a shared snapshot of an instance under the AWS managed key (no kmsKeyId): a blocker", async () => {
        const [finding] = await findings(sharedSnapshot({}));
        expect(finding.severity).to.equal("blocker");
        expect(finding.message).to.contain("encrypted under the AWS managed key (alias/aws/rds)");
    });
});
