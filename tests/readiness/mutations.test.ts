// The deploy-readiness mutation suite: each mutation is a real way a first deploy (or a dev/test
// teardown) fails, applied to a clean copy of a real stack's plan (support/clean.ts), and must be
// caught by a new blocker of the rule named. The kill rate is printed; it must be 100 %.
import { expect } from "chai";
import { Plan } from "../../tools/engine/plan";
import { analyzeRun } from "../../tools/readiness";
import { Finding } from "../../tools/readiness/finding";
import { accountOf, cleanPlan, editPolicy, TODAY } from "./support/clean";
import {
    annotations,
    byType,
    denyOutside,
    dropStatement,
    editViaServices,
    named,
    runner,
    runnerGroup,
    statement,
    cutFrom,
    T,
    undepend,
} from "./support/mutate";

interface ReadinessMutation {
    what: string;
    /** The stacks analysed together (the first is the one mutated, unless the mutation edits several). */
    stacks: string[];
    caughtBy: string;
    apply: (plans: Plan[]) => void;
}

const one = (stack: string, what: string, caughtBy: string, apply: (p: Plan) => void): ReadinessMutation => ({
    what,
    stacks: [stack],
    caughtBy,
    apply: ([p]) => apply(p),
});

const sameAccount = (plans: Plan[]) => {
    for (const p of plans.slice(1))
        Object.assign(p, JSON.parse(JSON.stringify(p).replaceAll(p.deployment!.accountId, plans[0].deployment!.accountId)));
};

export const mutations: ReadinessMutation[] = [
    // 1. Argument constraints (generated from the API models, and the hand-written ones).
    one(
        "prod",
        "keep the trail's log group 45 days (not a retention CloudWatch Logs offers)",
        "constraints/cloudwatch/logGroup.retentionInDays",
        (p) => {
            named(p, T.logGroup, "audit-trail").inputs.retentionInDays = 45;
        },
    ),
    one("prod", "name a log group with a colon", "constraints/cloudwatch/logGroup.name", (p) => {
        named(p, T.logGroup, "audit-trail").inputs.name = "/careplane/trail:prod";
    }),
    one(
        "prod",
        'describe the web ACL as "the platform\'s load balancer" (an apostrophe WAF refuses)',
        "constraints/wafv2/webAcl.description",
        (p) => {
            named(p, T.webAcl, "workloads-web-acl").inputs.description = "the platform's load balancer";
        },
    ),
    one("prod", "export an EKS control-plane log type that does not exist", "constraints/eks/cluster.enabledClusterLogTypes[]", (p) => {
        (named(p, T.eks, "eks").inputs.enabledClusterLogTypes as string[]).push("audits");
    }),
    one(
        "prod",
        "tier backups down to a storage class S3 does not have",
        "constraints/s3/bucketLifecycleConfiguration.rules[].transitions[].storageClass",
        (p) => {
            (named(p, T.lifecycle, "storage-backups").inputs.rules as any)[0].transitions[2].storageClass = "GLACIER_DEEP";
        },
    ),
    one("prod", "schedule key deletion after 45 days", "constraints/kms-deletion-window", (p) => {
        named(p, T.key, "keys-secrets").inputs.deletionWindowInDays = 45;
    }),
    one("prod", "keep deleted secrets recoverable for 3 days", "constraints/secrets-recovery-window", (p) => {
        named(p, T.secret, "secrets-jwt").inputs.recoveryWindowInDays = 3;
    }),
    one("prod", "keep Performance Insights 30 days", "constraints/rds-performance-insights-retention", (p) => {
        named(p, T.rds, "database").inputs.performanceInsightsRetentionPeriod = 30;
    }),
    one("prod", "keep automated RDS backups 40 days", "constraints/rds-backup-retention", (p) => {
        named(p, T.rds, "database").inputs.backupRetentionPeriod = 40;
    }),
    one("prod", "keep continuous (hourly) backups 60 days", "constraints/backup-lifecycle", (p) => {
        (named(p, T.backupPlan, "backup").inputs.rules as any[]).find((r) => r.enableContinuousBackup).lifecycle.deleteAfter = 60;
    }),
    one("prod", "delete yearly backups 30 days after they reach cold storage", "constraints/backup-lifecycle", (p) => {
        (named(p, T.backupPlan, "backup").inputs.rules as any[]).find((r) => r.ruleName === "yearly").lifecycle.deleteAfter = 120;
    }),
    one("prod", "give PostgreSQL 16 a postgres15 parameter group", "constraints/rds-parameter-group-family", (p) => {
        named(p, T.rdsParameters, "database").inputs.family = "postgres15";
    }),
    one("prod", "give Redis 7.1 a redis6.x parameter group", "constraints/elasticache-parameter-group-family", (p) => {
        named(p, T.cacheParameters, "cache").inputs.family = "redis6.x";
    }),
    one("prod", "name the database with underscores", "constraints/rds-identifier", (p) => {
        named(p, T.rds, "database").inputs.identifier = "caresync_prod_db";
    }),
    one("prod", "name a bucket in capitals", "constraints/s3-bucket-name", (p) => {
        named(p, T.bucket, "storage-images").inputs.bucket = "CareSync-Prod-Images";
    }),
    one("prod", "ask for more nodes than the node group's maximum", "constraints/eks-node-group-scaling", (p) => {
        (named(p, T.nodeGroup, "eks-nodes").inputs.scalingConfig as any).desiredSize = 20;
    }),
    one("dev", "write business hours in EST, an abbreviation, not an IANA zone", "constraints/schedule-time-zone", (p) => {
        named(p, "aws:scheduler/schedule:Schedule", "business-hours-scale-up").inputs.scheduleExpressionTimezone = "EST";
    }),

    // 2. Prerequisites between resources.
    one("prod", "apply Object Lock before versioning is on", "prerequisites/s3-object-lock-needs-versioning", (p) => {
        undepend(p, named(p, T.objectLock, "storage-backups"), (d) => d.type === T.versioning);
    }),
    one("prod", "configure replication before the DR bucket is versioned", "prerequisites/s3-replication-needs-versioning", (p) => {
        undepend(p, named(p, T.replication, "storage-backups-dr"), (d) => d.type === T.versioning && d.name === "storage-backups-dr");
    }),
    one("prod", "create the DR backup bucket without Object Lock", "prerequisites/s3-replication-object-lock", (p) => {
        delete named(p, T.bucket, "storage-backups-dr").inputs.objectLockEnabled;
        p.resources = p.resources.filter((r) => !(r.type === T.objectLock && r.name === "storage-backups-dr"));
    }),
    one("prod", "encrypt the access-log bucket with KMS", "prerequisites/s3-access-log-target", (p) => {
        (named(p, T.encryption, "storage-access-logs").inputs.rules as any)[0].applyServerSideEncryptionByDefault = {
            sseAlgorithm: "aws:kms",
            kmsMasterKeyId: `arn:aws:kms:us-east-1:${accountOf(p)}:key/keys-logs`,
        };
    }),
    one("prod", "run Redis in cluster mode without automatic failover", "prerequisites/elasticache-failover", (p) => {
        named(p, T.cache, "cache").inputs.automaticFailoverEnabled = false;
    }),
    one("prod", "go back to an AUTH token and turn in-transit encryption off", "prerequisites/elasticache-auth-needs-tls", (p) => {
        const cache = named(p, T.cache, "cache");
        cache.inputs.authToken = "[secret]";
        cache.inputs.transitEncryptionEnabled = false;
    }),
    one(
        "prod",
        "let RDS manage the master password of the replicated primary again",
        "prerequisites/rds-replica-of-managed-password",
        (p) => {
            const db = named(p, T.rds, "database");
            db.inputs.manageMasterUserPassword = true;
            delete db.inputs.password;
        },
    ),
    one(
        "prod",
        "leave automated backups of the replicated primary to AWS Backup (retention 0)",
        "prerequisites/rds-replica-needs-backups",
        (p) => {
            named(p, T.rds, "database").inputs.backupRetentionPeriod = 0;
        },
    ),
    one(
        "prod",
        "make a read replica a cross-region one of a us-west-2 primary, keeping no key of its region",
        "prerequisites/rds-cross-region-replica",
        (p) => {
            const replica = named(p, T.rds, "database-replica-1");
            replica.inputs.replicateSourceDb = `arn:aws:rds:us-west-2:${accountOf(p)}:db:caresync-prod-dr-db`;
            delete replica.inputs.kmsKeyId;
        },
    ),
    one("prod", "replicate the SMTP entry into the stack's own region", "prerequisites/secret-replicas", (p) => {
        named(p, T.secret, "secrets-smtp").inputs.replicas = [{ region: "us-east-1" }];
    }),
    one("prod", "log the web ACL into a log group not named aws-waf-logs-…", "prerequisites/waf-log-destination-name", (p) => {
        const logging = named(p, T.webAclLogging, "workloads-web-acl-logs");
        logging.inputs.logDestinationConfigs = [`arn:aws:logs:us-east-1:${accountOf(p)}:log-group:/careplane/waf`];
    }),
    one("prod", "drop the Ingress's certificate annotation (no certificate in ACM)", "prerequisites/alb-ingress-certificate", (p) => {
        const ingress = named(p, T.ingress, "workloads-ingress");
        delete annotations(ingress)["alb.ingress.kubernetes.io/certificate-arn"];
        cutFrom(p, ingress, (d) => d.type === "aws:acm/certificateValidation:CertificateValidation");
    }),
    one("prod", "drop the trail bucket's statement that lets CloudTrail write", "prerequisites/cloudtrail-bucket-policy", (p) => {
        dropStatement(named(p, T.bucketPolicy, "audit-trail"), "policy", "CloudTrailWritesLogFiles");
    }),
    one("prod", "pass the trail its log group ARN without :*", "prerequisites/cloudtrail-log-group-arn", (p) => {
        const trail = named(p, T.trail, "audit-trail");
        trail.inputs.cloudWatchLogsGroupArn = String(trail.inputs.cloudWatchLogsGroupArn).replace(/:\*$/, "");
    }),
    one("prod", "let EC2 assume the flow-log role instead of vpc-flow-logs", "prerequisites/log-delivery-role", (p) => {
        editPolicy(
            named(p, T.role, "network-flow-logs"),
            "assumeRolePolicy",
            (doc) => (doc.Statement[0].Principal = { Service: "ec2.amazonaws.com" }),
        );
    }),
    one(
        "dev",
        "grant the business-hours role the node group's Describe instead of its UpdateNodegroupConfig",
        "prerequisites/scheduler-universal-target",
        (p) => {
            editPolicy(
                named(p, T.policy, "business-hours-scheduler"),
                "policy",
                (doc) => (doc.Statement[0].Action = "eks:DescribeNodegroup"),
            );
        },
    ),
    one("dev", "let EventBridge rules, not Scheduler, assume the business-hours role", "prerequisites/scheduler-universal-target", (p) => {
        editPolicy(
            named(p, T.role, "business-hours-scheduler"),
            "assumeRolePolicy",
            (doc) => (doc.Statement[0].Principal = { Service: "events.amazonaws.com" }),
        );
    }),
    one(
        "prod",
        "leave the weekly RDS restore test to AWS Backup's inferred default VPC",
        "prerequisites/backup-restore-test-network",
        (p) => {
            delete named(p, "aws:backup/restoreTestingSelection:RestoreTestingSelection", "backup-rds").inputs.restoreMetadataOverrides;
        },
    ),
    one("prod", "drop the access-log bucket's statement for ELB log delivery", "prerequisites/alb-access-log-delivery", (p) => {
        dropStatement(named(p, T.bucketPolicy, "storage-access-logs"), "policy", "ElbAccessLogDelivery");
    }),
    one("prod", "put the cluster in one Availability Zone", "prerequisites/eks-subnets-two-zones", (p) => {
        const vpc = named(p, T.eks, "eks").inputs.vpcConfig as any;
        vpc.subnetIds = vpc.subnetIds.slice(0, 1);
    }),
    one(
        "prod",
        "lock the vault at 31 days minimum while daily points are kept 30",
        "prerequisites/backup-retention-within-vault-lock",
        (p) => {
            named(p, T.vaultLock, "backup").inputs.minRetentionDays = 31;
        },
    ),

    // 3. Principals that exist.
    one(
        "prod",
        "name the Auto Scaling service-linked role in the data key without creating it (today's program)",
        "principals/exist",
        (p) => {
            p.resources = p.resources.filter((r) => r.type !== T.slr);
            for (const key of byType(p, T.key)) key.dependencies = key.dependencies.filter((u) => !u.includes("serviceLinkedRole"));
        },
    ),
    one("prod", "misspell CloudTrail's service principal in the trail bucket policy", "principals/exist", (p) => {
        editPolicy(
            named(p, T.bucketPolicy, "audit-trail"),
            "policy",
            (doc) => (statement(doc, "CloudTrailReadsAcl").Principal = { Service: "cloudtrial.amazonaws.com" }),
        );
    }),
    one("prod", "trust an OIDC provider the stack does not create in a workload role", "principals/exist", (p) => {
        editPolicy(named(p, T.role, "workloads-api"), "assumeRolePolicy", (doc) => {
            doc.Statement[0].Principal = {
                Federated: `arn:aws:iam::${accountOf(p)}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0000DEADBEEF`,
            };
        });
    }),

    // 4. Key policies against the calls AWS services make (simulated).
    one("prod", "drop CloudWatch Logs' statement from the logs key", "key-policies/cloudwatch-logs", (p) => {
        dropStatement(named(p, T.key, "keys-logs"), "policy", "CloudWatchLogsEncryptsThisAccountsLogGroups");
    }),
    one(
        "prod",
        "put DescribeKey back under CloudTrail's encryption-context condition only (today's program)",
        "key-policies/cloudtrail",
        (p) => {
            const key = named(p, T.key, "keys-logs");
            dropStatement(key, "policy", "CloudTrailDescribesKey");
            dropStatement(key, "policy", "CloudTrailDecryptsThroughTheBucketKey");
            editPolicy(key, "policy", (doc) => {
                const files = statement(doc, "CloudTrailEncryptsThisTrailsFiles");
                files.Action = ["kms:GenerateDataKey*", "kms:DescribeKey"];
            });
        },
    ),
    one("prod", "drop CloudWatch's statement from the alarm topic's key", "key-policies/sns-cloudwatch-alarms", (p) => {
        dropStatement(named(p, T.key, "alarms-key"), "policy", "CloudWatchAlarmsEncryptNotifications");
    }),
    one(
        "dev",
        "let RDS manage the dev master password under the data key, whose services leave out Secrets Manager",
        "key-policies/rds",
        (p) => {
            Object.assign(named(p, T.rds, "database").inputs, {
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: `arn:aws:kms:us-east-1:${accountOf(p)}:key/keys-data`,
            });
        },
    ),
    one(
        "prod",
        "share the data key with the staging account through RDS for snapshot copies, forgetting kms:CreateGrant",
        "key-policies/rds-snapshot-sharing",
        (p) => {
            editPolicy(named(p, T.key, "keys-data"), "policy", (doc) =>
                doc.Statement.push({
                    Sid: "StagingCopiesSharedSnapshots",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::777788889999:root" },
                    Action: ["kms:Decrypt", "kms:DescribeKey"],
                    Resource: "*",
                    Condition: { StringEquals: { "kms:ViaService": "rds.us-east-1.amazonaws.com", "kms:CallerAccount": "777788889999" } },
                }),
            );
        },
    ),
    one("prod", "share a copy of a prod snapshot under RDS's AWS managed key", "prerequisites/rds-shared-snapshot-key", (p) => {
        const db = named(p, T.rds, "database");
        p.resources.push({
            ...structuredClone(db),
            urn: db.urn.replace("aws:rds/instance:Instance::database", "aws:rds/snapshotCopy:SnapshotCopy::scrubbed"),
            type: "aws:rds/snapshotCopy:SnapshotCopy",
            name: "scrubbed",
            protect: false,
            dependencies: [],
            propertyDependencies: {},
            inputs: {
                sourceDbSnapshotIdentifier: "caresync-prod-scrub",
                targetDbSnapshotIdentifier: "caresync-prod-scrub-shared",
                kmsKeyId: "alias/aws/rds",
                sharedAccounts: ["777788889999"],
            },
        });
    }),
    one("prod", "harden the data key with a deny outside its named services, forgetting ElastiCache", "key-policies/elasticache", (p) => {
        denyOutside(named(p, T.key, "keys-data"), (s) => s.filter((v) => !v.startsWith("elasticache.")));
    }),
    one("prod", "allow the secrets key through SSM instead of Secrets Manager", "key-policies/secrets-manager", (p) => {
        editViaServices(named(p, T.key, "keys-secrets"), () => ["ssm.us-east-1.amazonaws.com"]);
    }),
    one("prod", "leave AWS Backup out of the backups key's services", "key-policies/backup", (p) => {
        editViaServices(named(p, T.key, "keys-backups"), (s) => s.filter((v) => !v.startsWith("backup.")));
    }),
    one("prod", "allow the DR key through S3 in the primary region instead of us-west-2", "key-policies/s3-replication", (p) => {
        editViaServices(named(p, T.key, "dr-backups"), (s) => s.map((v) => v.replace("s3.us-west-2", "s3.us-east-1")));
    }),
    one("prod", "drop the replication role's permission to encrypt replicas", "key-policies/s3-replication", (p) => {
        dropStatement(named(p, T.policy, "storage-backups-dr"), "policy", "EncryptReplicas");
    }),
    one("prod", "harden the cluster key with a deny outside EC2", "key-policies/eks", (p) => {
        denyOutside(named(p, T.key, "keys-cluster"), () => ["ec2.us-east-1.amazonaws.com"]);
    }),
    one("prod", "create the service-linked role but drop its statements from the data key", "key-policies/autoscaling-ebs", (p) => {
        dropStatement(named(p, T.key, "keys-data"), "policy", "AutoScalingEncryptsNodeVolumes");
        dropStatement(named(p, T.key, "keys-data"), "policy", "AutoScalingGrantsNodeVolumesOnly");
    }),

    // 5. Creation order.
    one("prod", "create a SecretStore before external-secrets installs its CRD", "order/custom-resource-after-crd", (p) => {
        undepend(p, named(p, T.secretStore, "monitoring-receivers-store"), (d) => d.type === T.release);
    }),
    one("prod", "create a PrometheusRule before kube-prometheus-stack installs its CRD", "order/custom-resource-after-crd", (p) => {
        undepend(p, named(p, T.prometheusRule, "monitoring-careplane-hipaa"), (d) => d.type === T.release);
    }),
    one(
        "prod",
        "create the web Service before the Load Balancer Controller's webhook is ready (today's program)",
        "order/admission-webhook-ready",
        (p) => {
            cutFrom(p, named(p, T.service, "workloads-web"), (d) => d.name === "eks-lb-controller");
        },
    ),
    one("prod", "create the trail before its role's policy is attached (today's program)", "order/role-permissions-before-use", (p) => {
        undepend(p, named(p, T.trail, "audit-trail"), (d) => d.type === T.attachment);
    }),
    one("prod", "create the database before its monitoring role's policy is attached", "order/role-permissions-before-use", (p) => {
        undepend(p, named(p, T.rds, "database"), (d) => d.type === T.attachment);
    }),
    one("prod", "create the node group before the vpc-cni add-on (no self-managed add-ons)", "order/eks-addons-and-nodes", (p) => {
        undepend(p, named(p, T.nodeGroup, "eks-nodes"), (d) => d.name === "eks-vpc-cni");
    }),
    one("prod", "install coredns before any node exists", "order/eks-addons-and-nodes", (p) => {
        undepend(p, named(p, T.addon, "eks-coredns"), (d) => d.type === T.nodeGroup);
    }),
    one("prod", "create the trail before its bucket policy", "order/trail-after-bucket-policy", (p) => {
        undepend(p, named(p, T.trail, "audit-trail"), (d) => d.type === T.bucketPolicy);
    }),
    one("prod", "create a ConfigMap before its namespace", "order/namespace-first", (p) => {
        undepend(p, named(p, T.configMap, "workloads-api-config"), (d) => d.type === T.namespace);
    }),

    // 6. Reachability from the deployer.
    one("prod", "no CI runner in the VPC (today's program)", "reachability/provider-connections", (p) => {
        p.resources = p.resources.filter((r) => r.type !== T.codebuild);
    }),
    one("prod", "the cluster security group no longer admits the runner", "reachability/provider-connections", (p) => {
        const id = (runner(p).inputs.vpcConfig as any).securityGroupIds[0];
        p.resources = p.resources.filter((r) => r.type !== T.sgIngress || r.inputs.referencedSecurityGroupId !== id);
    }),
    one("prod", "the runner may only reach port 80", "reachability/provider-connections", (p) => {
        (runnerGroup(p).inputs.egress as any[]).forEach((e) => Object.assign(e, { fromPort: 80, toPort: 80 }));
    }),
    one("prod", "move the runner into the isolated data subnets (no route to GitHub)", "reachability/provider-connections", (p) => {
        const config = runner(p).inputs.vpcConfig as any;
        config.subnets = config.subnets.map((s: string) => s.replace("network-app", "network-data"));
    }),
    one("prod", "run CI on GitHub-hosted runners against the private endpoint", "reachability/provider-connections", (p) => {
        p.deployment!.runner = "github-hosted";
    }),
    one("prod", "turn DNS hostnames off in the VPC (the private endpoint stops resolving)", "reachability/private-endpoint-dns", (p) => {
        named(p, T.vpc, "network").inputs.enableDnsHostnames = false;
    }),
    one(
        "prod",
        "give the cluster creator no admin access and the deploy role no admin access entry",
        "reachability/deployer-cluster-access",
        (p) => {
            (named(p, T.eks, "eks").inputs.accessConfig as any).bootstrapClusterCreatorAdminPermissions = false;
            for (const a of byType(p, T.accessPolicy)) a.inputs.policyArn = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
        },
    ),

    // 7. Account singletons, quotas and names across stacks.
    {
        what: "staging and prod share an account: two GuardDuty detectors",
        stacks: ["staging", "prod"],
        caughtBy: "account/singletons",
        apply: sameAccount,
    },
    {
        what: "all four stacks in one account: six Elastic IPs against a quota of five",
        stacks: ["dev", "test", "staging", "prod"],
        caughtBy: "account/quota-elastic",
        apply: sameAccount,
    },
    {
        what: "prod is told it does not own the account's singletons but creates the GuardDuty detector",
        stacks: ["prod"],
        caughtBy: "account/singletons",
        apply: ([p]) => (p.deployment!.singletons = false),
    },
    {
        what: "dev names its images bucket like prod's",
        stacks: ["dev", "prod"],
        caughtBy: "account/names-unique",
        apply: ([dev, prod]) =>
            (named(dev, T.bucket, "storage-images").inputs.bucket = named(prod, T.bucket, "storage-images").inputs.bucket),
    },

    // 8. Support calendars.
    one("prod", "stay on Kubernetes 1.32 (today's program)", "calendars/standard-support", (p) => {
        named(p, T.eks, "eks").inputs.version = "1.32";
        named(p, T.addon, "eks-kube-proxy").inputs.addonVersion = "v1.32.0-eksbuild.2";
        named(p, T.addon, "eks-coredns").inputs.addonVersion = "v1.11.4-eksbuild.2";
    }),
    one("prod", "pin external-secrets 0.19.2 (today's program)", "calendars/standard-support", (p) => {
        named(p, T.release, "eks-external-secrets").inputs.version = "0.19.2";
    }),
    one("prod", "run PostgreSQL 13", "calendars/standard-support", (p) => {
        for (const db of byType(p, T.rds)) db.inputs.engineVersion = "13";
        named(p, T.rdsParameters, "database").inputs.family = "postgres13";
    }),
    one("prod", "pin kube-proxy of another minor version", "calendars/addon-versions", (p) => {
        named(p, T.addon, "eks-kube-proxy").inputs.addonVersion = "v1.33.3-eksbuild.6";
    }),
    one("prod", "pin a coredns series EKS does not offer for the cluster's version", "calendars/addon-versions", (p) => {
        named(p, T.addon, "eks-coredns").inputs.addonVersion = "v1.11.4-eksbuild.2";
    }),

    // 9. Destroy (dev and test).
    one("dev", "protect the dev database with deletion protection", "destroy/deletion-protection", (p) => {
        named(p, T.rds, "database").inputs.deletionProtection = true;
    }),
    one("dev", "keep dev secrets recoverable for 7 days (today's program)", "destroy/secret-recovery-window", (p) => {
        named(p, T.secret, "secrets-jwt").inputs.recoveryWindowInDays = 7;
    }),
    one("test", "key administrators may not delete aliases (today's program)", "destroy/own-policies-allow-deletion", (p) => {
        editPolicy(named(p, T.key, "keys-data"), "policy", (doc) => {
            const admin = statement(doc, "AccountReadsAndMaintainsKey");
            admin.Action = (admin.Action as string[]).filter((a) => a !== "kms:DeleteAlias");
        });
    }),
    one("dev", "deny everyone s3:DeleteBucketPolicy on a dev bucket", "destroy/own-policies-allow-deletion", (p) => {
        editPolicy(named(p, T.bucketPolicy, "storage-documents"), "policy", (doc) =>
            doc.Statement.push({ Sid: "KeepPolicy", Effect: "Deny", Principal: "*", Action: "s3:DeleteBucketPolicy", Resource: "*" }),
        );
    }),
    one("dev", "lock dev backups in COMPLIANCE mode", "destroy/buckets-emptied", (p) => {
        (named(p, T.objectLock, "storage-backups").inputs.rule as any).defaultRetention.mode = "COMPLIANCE";
    }),
    one("dev", "stop emptying the dev backup bucket on destroy", "destroy/buckets-emptied", (p) => {
        named(p, T.bucket, "storage-backups").inputs.forceDestroy = false;
    }),
    one("test", "deny deleting locked test backup versions to the deploy role too", "destroy/buckets-emptied", (p) => {
        editPolicy(named(p, T.bucketPolicy, "storage-backups"), "policy", (doc) => {
            delete doc.Statement.find((s) => s.Sid === "OnlyTheEmptierDeletesLockedVersions")!.Condition;
        });
    }),
    one("test", "stop emptying the test vault on destroy", "destroy/vaults-emptied", (p) => {
        named(p, T.vault, "backup").inputs.forceDestroy = false;
    }),
    one("dev", "turn ALB deletion protection on in dev", "destroy/controller-load-balancers", (p) => {
        const a = annotations(named(p, T.ingress, "workloads-ingress"));
        a["alb.ingress.kubernetes.io/load-balancer-attributes"] = a["alb.ingress.kubernetes.io/load-balancer-attributes"].replace(
            "deletion_protection.enabled=false",
            "deletion_protection.enabled=true",
        );
    }),
    one("dev", "protect a dev bucket with the protect option", "destroy/protect", (p) => {
        named(p, T.bucket, "storage-documents").protect = true;
    }),
    one("test", "take a final snapshot of the test database under a fixed name", "destroy/final-snapshot-names", (p) => {
        const db = named(p, T.rds, "database");
        db.inputs.skipFinalSnapshot = false;
        db.inputs.finalSnapshotIdentifier = "caresync-test-db-final";
    }),
];

describe("the deploy-readiness mutation suite", function () {
    this.timeout(300000);
    const survivors: string[] = [];
    const key = (f: Finding) => `${f.rule}|${f.urn}|${f.message}`;

    const run = async (stacks: string[], mutate?: (plans: Plan[]) => void) => {
        const plans = await Promise.all(stacks.map(cleanPlan));
        mutate?.(plans);
        return (await analyzeRun(plans, { today: TODAY })).flatMap((r) => r.findings);
    };

    after(() => {
        const killed = mutations.length - survivors.length;
        console.log(
            `\n      readiness mutation suite: ${killed}/${mutations.length} mutations killed, kill rate ${((100 * killed) / mutations.length).toFixed(1)} %`,
        );
        for (const s of survivors) console.log(`      survived: ${s}`);
    });

    it("has at least 40 mutations, covering every family", () => {
        expect(mutations.length).to.be.at.least(40);
        const families = new Set(mutations.map((m) => m.caughtBy.split("/")[0]));
        expect([...families].sort()).to.deep.equal(
            [
                "account",
                "calendars",
                "constraints",
                "destroy",
                "key-policies",
                "order",
                "prerequisites",
                "principals",
                "reachability",
            ].sort(),
        );
    });

    it("starts from clean plans: no blocker in any stack, alone or together", async () => {
        const blockers = (await run(["dev", "test", "staging", "prod"])).filter((f) => f.severity === "blocker");
        expect(blockers.map((b) => `${b.rule} ${b.name}: ${b.message}`)).to.deep.equal([]);
    });

    for (const m of mutations) {
        it(`${m.stacks.join("+")}: ${m.what} → ${m.caughtBy}`, async () => {
            let killed = false;
            try {
                const before = new Set((await run(m.stacks)).map(key));
                const caught = (await run(m.stacks, m.apply)).filter((f) => f.severity === "blocker" && !before.has(key(f)));
                killed = caught.some((f) => f.rule === m.caughtBy);
                expect(
                    caught.map((f) => f.rule),
                    "new blockers",
                ).to.include(m.caughtBy);
            } finally {
                if (!killed) survivors.push(`${m.stacks.join("+")}: ${m.what}`);
            }
        });
    }
});
