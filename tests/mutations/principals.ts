// Mutations about who may act: principals outside the account, wildcard principals, missing MFA
// or external ID, loose federated trusts, resources that grant by themselves, the wildcard family,
// retagging a prod resource to lower its floors, and PHI buckets' backup, audit and retention.
// Issue 22 found the pack accepting 14 such edits of the prod plan; each class is here.
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { accountOf, add, byName, editPolicy, Mutation, one, remove, retag } from "../support/mutations";

const OTHER = "999999999999";
const ROLE = "aws:iam/role:Role";
const POLICY = "aws:iam/policy:Policy";
const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const KEY = "aws:kms/key:Key";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const TRAIL = "aws:cloudtrail/trail:Trail";
const named = (name: string) => (r: { name: string }) => r.name === name;

const statement = (sid: string, extra: object) => ({ Sid: sid, Effect: "Allow", ...extra });
const addStatement = (r: PlannedResource, property: string, s: object) => editPolicy(r, property, (d) => d.Statement.push(s));
const bucketArn = (p: Plan, purpose: string) => `arn:aws:s3:::${one(p, BUCKET, named(`storage-${purpose}`)).inputs.bucket}`;
const allowOnBucket = (p: Plan, purpose: string, sid: string, extra: object) =>
    addStatement(
        one(p, BUCKET_POLICY, named(`storage-${purpose}`)),
        "policy",
        statement(sid, { Action: "s3:GetObject", Resource: `${bucketArn(p, purpose)}/*`, ...extra }),
    );
/** The IRSA condition block of a role's trust (its keys name the cluster's issuer). */
const irsaCondition = (p: Plan, role: string) =>
    JSON.parse(one(p, ROLE, named(role)).inputs.assumeRolePolicy as string).Statement[0].Condition.StringEquals as Record<string, unknown>;
const editTrust = (p: Plan, role: string, edit: (s: any) => void) =>
    editPolicy(one(p, ROLE, named(role)), "assumeRolePolicy", (d) => edit(d.Statement[0]));
const issuerKey = (condition: Record<string, unknown>, claim: "sub" | "aud") =>
    Object.keys(condition).find((k) => k.endsWith(`:${claim}`))!;
/** The trail's advanced selector of S3 data events. */
const dataSelector = (p: Plan) =>
    (one(p, TRAIL).inputs.advancedEventSelectors as any[]).find((s) =>
        s.fieldSelectors.some((f: any) => f.field === "eventCategory" && f.equals.includes("Data")),
    );
const tags = (p: Plan) => ({ Environment: p.stack, DataClassification: "phi", Owner: "platform-team", ManagedBy: "pulumi" });
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

export const principalMutations: Mutation[] = [
    // Principals outside the account, and wildcard principals without a tight condition.
    {
        what: "let another account read the documents bucket",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) => allowOnBucket(p, "documents", "PartnerReads", { Principal: { AWS: `arn:aws:iam::${OTHER}:root` } }),
    },
    {
        what: "let anyone read the images bucket",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) => allowOnBucket(p, "images", "PublicRead", { Principal: "*" }),
    },
    {
        what: 'let {"AWS": "*"} read backups, held only by aws:SecureTransport',
        stack: "staging",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            allowOnBucket(p, "backups", "AnyoneOverTls", {
                Principal: { AWS: "*" },
                Condition: { Bool: { "aws:SecureTransport": "true" } },
            }),
    },
    {
        what: "hold a wildcard principal to the account with StringEqualsIfExists (a request without the key passes)",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            allowOnBucket(p, "documents", "AccountIfPresent", {
                Principal: "*",
                Condition: { StringEqualsIfExists: { "aws:PrincipalAccount": accountOf(p) } },
            }),
    },
    {
        what: "let another account decrypt with the secrets key",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            addStatement(
                one(p, KEY, byName("keys-secrets")),
                "policy",
                statement("Partner", { Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "kms:Decrypt", Resource: "*" }),
            ),
    },
    {
        what: "let another account assume the analytics role (with MFA)",
        stack: "dev",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) => editTrust(p, "analytics", (s) => (s.Principal = { AWS: `arn:aws:iam::${OTHER}:root` })),
    },
    {
        what: "let another account subscribe to the alarm topic",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            addStatement(
                one(p, "aws:sns/topicPolicy:TopicPolicy"),
                "policy",
                statement("Partner", { Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: "sns:Subscribe", Resource: "*" }),
            ),
    },
    {
        what: "let another account copy recovery points out of the vault",
        stack: "test",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            addStatement(
                one(p, "aws:backup/vaultPolicy:VaultPolicy", named("backup")),
                "policy",
                statement("CopyOut", {
                    Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
                    Action: "backup:CopyFromBackupVault",
                    Resource: "*",
                }),
            ),
    },
    {
        what: "let S3 log delivery write the access-log bucket for any account (confused deputy)",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            editPolicy(
                one(p, BUCKET_POLICY, named("storage-access-logs")),
                "policy",
                (d) => delete d.Statement.find((s) => s.Sid === "S3ServerAccessLogDelivery").Condition,
            ),
    },
    {
        what: "let any account's CloudWatch alarms publish to the alarm topic",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            editPolicy(
                one(p, "aws:sns/topicPolicy:TopicPolicy"),
                "policy",
                (d) => delete d.Statement.find((s) => s.Sid === "CloudWatchAlarmsPublish").Condition,
            ),
    },
    {
        what: "let CloudWatch Logs use the logs key for any account's log groups",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            editPolicy(
                one(p, KEY, byName("keys-logs")),
                "policy",
                (d) => delete d.Statement.find((s) => s.Sid === "CloudWatchLogsEncryptsThisAccountsLogGroups").Condition,
            ),
    },
    {
        what: "trust another account's OIDC provider for the api role",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            editTrust(p, "workloads-api", (s) => (s.Principal.Federated = s.Principal.Federated.replace(/:\d{12}:/, `:${OTHER}:`))),
    },
    {
        what: "add an S3 access point on documents whose policy lets anyone read",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) => {
            const documents = one(p, BUCKET, named("storage-documents"));
            add(
                p,
                "aws:s3/accessPoint:AccessPoint",
                "documents-ap",
                {
                    bucket: documents.inputs.bucket,
                    policy: doc({
                        Effect: "Allow",
                        Principal: "*",
                        Action: "s3:GetObject",
                        Resource: `arn:aws:s3:us-east-1:${accountOf(p)}:accesspoint/documents-ap/object/*`,
                    }),
                },
                { bucket: [documents] },
            );
        },
    },
    {
        what: "give the jwt secret a resource policy any principal may read",
        stack: "prod",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) => {
            const jwt = one(p, "aws:secretsmanager/secret:Secret", named("secrets-jwt"));
            add(
                p,
                "aws:secretsmanager/secretPolicy:SecretPolicy",
                "secrets-jwt-policy",
                {
                    secretArn: "jwt-arn",
                    policy: doc({ Effect: "Allow", Principal: { AWS: "*" }, Action: "secretsmanager:GetSecretValue", Resource: "*" }),
                },
                { secretArn: [jwt] },
            );
        },
    },
    {
        what: "let another account pull from an image repository",
        stack: "staging",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            add(p, "aws:ecr/repositoryPolicy:RepositoryPolicy", "api-images", {
                repository: "caresync/api",
                policy: doc({
                    Effect: "Allow",
                    Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
                    Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                }),
            }),
    },
    {
        what: "allow everyone but one account (NotPrincipal) to read documents",
        stack: "staging",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) => allowOnBucket(p, "documents", "AllButOne", { NotPrincipal: { AWS: `arn:aws:iam::${OTHER}:root` } }),
    },
    {
        what: "open the S3 gateway endpoint to every bucket of every account",
        stack: "dev",
        caughtBy: "careplane-iam-principals-trusted",
        apply: (p) =>
            (one(p, "aws:ec2/vpcEndpoint:VpcEndpoint", named("network-s3")).inputs.policy = doc({
                Effect: "Allow",
                Principal: "*",
                Action: "s3:*",
                Resource: "*",
            })),
    },

    // People and third parties: MFA and external IDs.
    {
        what: "drop MFA from the analytics role's trust",
        stack: "prod",
        caughtBy: "careplane-iam-trust-mfa-external-id",
        apply: (p) => editTrust(p, "analytics", (s) => delete s.Condition),
    },
    {
        what: "require MFA on the analytics role only if present (BoolIfExists)",
        stack: "staging",
        caughtBy: "careplane-iam-trust-mfa-external-id",
        apply: (p) => editTrust(p, "analytics", (s) => (s.Condition = { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } })),
    },
    {
        what: "let an IAM user assume the api role without MFA",
        stack: "prod",
        caughtBy: "careplane-iam-trust-mfa-external-id",
        apply: (p) =>
            addStatement(
                one(p, ROLE, named("workloads-api")),
                "assumeRolePolicy",
                statement("Debugging", { Principal: { AWS: `arn:aws:iam::${accountOf(p)}:user/alice` }, Action: "sts:AssumeRole" }),
            ),
    },

    // Federated trusts: IRSA and GitHub.
    {
        what: "let every service account of the namespace assume the api role",
        stack: "prod",
        caughtBy: "careplane-iam-federated-trust-scoped",
        apply: (p) =>
            editTrust(p, "workloads-api", (s) => {
                const sub = issuerKey(s.Condition.StringEquals, "sub");
                delete s.Condition.StringEquals[sub];
                s.Condition.StringLike = { [sub]: "system:serviceaccount:caresync-prod:*" };
            }),
    },
    {
        what: "drop the STS audience from the worker's trust",
        stack: "prod",
        caughtBy: "careplane-iam-federated-trust-scoped",
        apply: (p) =>
            editTrust(
                p,
                "workloads-worker",
                (s) => delete s.Condition.StringEquals[issuerKey(irsaCondition(p, "workloads-worker"), "aud")],
            ),
    },
    {
        what: "let two service accounts assume the tenant-provisioning role",
        stack: "test",
        caughtBy: "careplane-iam-federated-trust-scoped",
        apply: (p) =>
            editTrust(p, "workloads-tenant-provisioning", (s) => {
                const sub = issuerKey(s.Condition.StringEquals, "sub");
                s.Condition.StringEquals[sub] = [s.Condition.StringEquals[sub], "system:serviceaccount:caresync-test:worker"];
            }),
    },
    {
        what: "let any pod of the cluster assume the redis exporter's reader (no subject)",
        stack: "prod",
        caughtBy: "careplane-iam-federated-trust-scoped",
        apply: (p) =>
            editTrust(
                p,
                "monitoring-redis-exporter-reader",
                (s) => delete s.Condition.StringEquals[issuerKey(s.Condition.StringEquals, "sub")],
            ),
    },
    {
        what: "add a deploy role any workflow of the repository may assume",
        stack: "dev",
        caughtBy: "careplane-iam-federated-trust-scoped",
        apply: (p) =>
            add(p, ROLE, "ci-deploy", {
                assumeRolePolicy: doc({
                    Effect: "Allow",
                    Principal: { Federated: `arn:aws:iam::${accountOf(p)}:oidc-provider/token.actions.githubusercontent.com` },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
                        StringLike: { "token.actions.githubusercontent.com:sub": "repo:example-health/careplane:*" },
                    },
                }),
                tags: tags(p),
            }),
    },

    // Resources that grant by themselves.
    {
        what: "grant another account's role decrypt on the data key",
        stack: "prod",
        caughtBy: "careplane-grants-trusted-accounts",
        apply: (p) =>
            add(
                p,
                "aws:kms/grant:Grant",
                "data-partner",
                { keyId: "keys-data-id", granteePrincipal: `arn:aws:iam::${OTHER}:role/reader`, operations: ["Decrypt"] },
                { keyId: [one(p, KEY, byName("keys-data"))] },
            ),
    },
    {
        what: "make a snapshot of the prod database public",
        stack: "prod",
        caughtBy: "careplane-grants-trusted-accounts",
        apply: (p) =>
            add(p, "aws:rds/snapshot:Snapshot", "database-export", {
                dbInstanceIdentifier: "caresync-prod-postgres",
                dbSnapshotIdentifier: "export",
                sharedAccounts: ["all"],
            }),
    },
    {
        what: "share a database snapshot copy with another account",
        stack: "staging",
        caughtBy: "careplane-grants-trusted-accounts",
        apply: (p) =>
            add(p, "aws:rds/snapshotCopy:SnapshotCopy", "database-copy", {
                sourceDbSnapshotIdentifier: "s",
                targetDbSnapshotIdentifier: "t",
                sharedAccounts: [OTHER],
            }),
    },
    {
        what: "let everyone launch a node image",
        stack: "prod",
        caughtBy: "careplane-grants-trusted-accounts",
        apply: (p) => add(p, "aws:ec2/amiLaunchPermission:AmiLaunchPermission", "nodes-ami", { imageId: "ami-0abc", group: "all" }),
    },
    {
        what: "let another account create volumes from a snapshot",
        stack: "prod",
        caughtBy: "careplane-grants-trusted-accounts",
        apply: (p) =>
            add(p, "aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", "volume-share", {
                snapshotId: "snap-0abc",
                accountId: OTHER,
            }),
    },
    {
        what: "add an access point with its public access block lifted",
        stack: "prod",
        caughtBy: "careplane-grants-trusted-accounts",
        apply: (p) =>
            add(p, "aws:s3/accessPoint:AccessPoint", "images-ap", {
                bucket: one(p, BUCKET, named("storage-images")).inputs.bucket,
                publicAccessBlockConfiguration: {
                    blockPublicAcls: true,
                    blockPublicPolicy: false,
                    ignorePublicAcls: true,
                    restrictPublicBuckets: false,
                },
            }),
    },
    {
        what: "share resources with another account through RAM",
        stack: "dev",
        caughtBy: "careplane-grants-trusted-accounts",
        apply: (p) =>
            add(p, "aws:ram/principalAssociation:PrincipalAssociation", "share", {
                resourceShareArn: "arn:aws:ram:us-east-1:111122223333:resource-share/x",
                principal: OTHER,
            }),
    },
    {
        what: "give a function a URL anyone may call unsigned",
        stack: "prod",
        caughtBy: "careplane-lambda-permission-scoped",
        apply: (p) => add(p, "aws:lambda/functionUrl:FunctionUrl", "export-url", { functionName: "export", authorizationType: "NONE" }),
    },
    {
        what: "let another account invoke a function",
        stack: "prod",
        caughtBy: "careplane-lambda-permission-scoped",
        apply: (p) =>
            add(p, "aws:lambda/permission:Permission", "export-invoke", {
                action: "lambda:InvokeFunction",
                function: "export",
                principal: OTHER,
            }),
    },

    // The wildcard family.
    {
        what: "let the api read every bucket's objects (arn:aws:s3:::*/*)",
        stack: "prod",
        caughtBy: "careplane-iam-no-wildcard-on-phi",
        apply: (p) =>
            addStatement(
                one(p, POLICY, named("workloads-api-secrets")),
                "policy",
                statement("AllObjects", { Action: "s3:GetObject", Resource: "arn:aws:s3:::*/*" }),
            ),
    },
    {
        what: "let the worker write any bucket named caresync-* (in any account)",
        stack: "prod",
        caughtBy: "careplane-iam-no-wildcard-on-phi",
        apply: (p) =>
            addStatement(
                one(p, POLICY, named("workloads-worker-secrets")),
                "policy",
                statement("Prefix", { Action: "s3:PutObject", Resource: "arn:aws:s3:::caresync-*/*" }),
            ),
    },
    {
        what: "let the api read every secret but one (NotResource)",
        stack: "prod",
        caughtBy: "careplane-iam-no-wildcard-actions",
        apply: (p) =>
            addStatement(
                one(p, POLICY, named("workloads-api-secrets")),
                "policy",
                statement("AllButAdmin", {
                    Action: "secretsmanager:GetSecretValue",
                    NotResource: `arn:aws:secretsmanager:us-east-1:${accountOf(p)}:secret:caresync/prod/admin-*`,
                }),
            ),
    },
    {
        what: "let the worker pass any role (iam:PassRole on *)",
        stack: "staging",
        caughtBy: "careplane-iam-no-wildcard-actions",
        apply: (p) =>
            addStatement(
                one(p, POLICY, named("workloads-worker-secrets")),
                "policy",
                statement("Pass", { Action: "iam:PassRole", Resource: "*" }),
            ),
    },
    {
        what: "let the analytics role assume any role (sts:AssumeRole on *)",
        stack: "prod",
        caughtBy: "careplane-iam-no-wildcard-actions",
        apply: (p) =>
            addStatement(
                one(p, POLICY, named("database-analyst-login")),
                "policy",
                statement("Hop", { Action: "sts:AssumeRole", Resource: "*" }),
            ),
    },
    {
        what: "let the load balancer controller pass every role of the account (iam:Pass* on role/*)",
        stack: "prod",
        caughtBy: "careplane-iam-no-wildcard-actions",
        apply: (p) =>
            addStatement(
                one(p, POLICY, named("eks-lb-controller")),
                "policy",
                statement("PassAll", { Action: "iam:Pass*", Resource: `arn:aws:iam::${accountOf(p)}:role/*` }),
            ),
    },
    {
        what: "let the tenant service do everything but IAM (NotAction)",
        stack: "test",
        caughtBy: "careplane-iam-no-wildcard-actions",
        apply: (p) =>
            addStatement(
                one(p, POLICY, named("workloads-tenant-provisioning-secrets")),
                "policy",
                statement("Most", { NotAction: "iam:*", Resource: "*" }),
            ),
    },
    {
        what: "open SSH on the PostgreSQL clients' security group to 0.0.0.0/1 and 128.0.0.0/1",
        stack: "prod",
        caughtBy: "careplane-ec2-security-group-no-public-ingress",
        apply: (p) =>
            ((one(p, SG, named("network-postgres-clients")).inputs as any).ingress = [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] },
            ]),
    },
    {
        what: "open the endpoints' 443 to ::/1 and 8000::/1",
        stack: "test",
        caughtBy: "careplane-ec2-security-group-no-public-ingress",
        apply: (p) =>
            (one(p, SG, named("network-endpoints")).inputs as any).ingress.push({
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                ipv6CidrBlocks: ["::/1", "8000::/1"],
            }),
    },
    {
        what: "open PostgreSQL to the internet in two standalone rules, one half each",
        stack: "staging",
        caughtBy: "careplane-ec2-security-group-no-public-ingress",
        apply: (p) => {
            const database = one(p, SG, named("database"));
            for (const [i, cidrIpv4] of ["0.0.0.0/1", "128.0.0.0/1"].entries()) {
                add(
                    p,
                    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
                    `database-half-${i}`,
                    { ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4 },
                    { securityGroupId: [database] },
                );
            }
        },
    },

    {
        what: "let the data tier's network ACL admit PostgreSQL from 0.0.0.0/1 and 128.0.0.0/1",
        stack: "prod",
        caughtBy: "careplane-vpc-nacl-isolated-closed",
        apply: (p) => {
            const ingress = (one(p, "aws:ec2/networkAcl:NetworkAcl", named("network-data")).inputs as any).ingress as object[];
            ingress.push(
                { ruleNo: 300, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/1", fromPort: 5432, toPort: 5432 },
                { ruleNo: 301, action: "allow", protocol: "tcp", cidrBlock: "128.0.0.0/1", fromPort: 5432, toPort: 5432 },
            );
        },
    },

    // Prod's floors cannot be escaped by retagging: one per control family.
    {
        what: "retag the prod database Environment: dev and run it in one AZ",
        stack: "prod",
        caughtBy: "careplane-rds-multi-az",
        apply: (p) => {
            const db = one(p, "aws:rds/instance:Instance", named("database"));
            retag(db, "dev");
            db.inputs.multiAz = false;
        },
    },
    {
        what: "retag the prod database dev and turn off its deletion protection",
        stack: "prod",
        caughtBy: "careplane-stateful-deletion-protection",
        apply: (p) => {
            const db = one(p, "aws:rds/instance:Instance", named("database"));
            retag(db, "dev");
            db.inputs.deletionProtection = false;
        },
    },
    {
        what: "retag the prod backup plan dev and keep recovery points 30 days",
        stack: "prod",
        caughtBy: "careplane-backup-plan-retention",
        apply: (p) => {
            const plan = one(p, "aws:backup/plan:Plan");
            retag(plan, "dev");
            for (const rule of plan.inputs.rules as any[]) {
                rule.lifecycle = { deleteAfter: 30 };
                for (const c of rule.copyActions ?? []) c.lifecycle = { deleteAfter: 30 };
            }
        },
    },
    {
        what: "retag the prod logs key dev and drop protect",
        stack: "prod",
        caughtBy: "careplane-stateful-protect",
        apply: (p) => {
            const key = one(p, KEY, byName("keys-logs"));
            retag(key, "dev");
            key.protect = false;
        },
    },
    {
        what: "retag the prod backup bucket dev and lock objects 30 days in governance mode",
        stack: "prod",
        caughtBy: "careplane-s3-backup-object-lock",
        apply: (p) => {
            retag(one(p, BUCKET, named("storage-backups")), "dev");
            one(p, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", named("storage-backups")).inputs.rule = {
                defaultRetention: { days: 30, mode: "GOVERNANCE" },
            };
        },
    },
    {
        what: "retag the prod trail's log group dev and keep it 90 days",
        stack: "prod",
        caughtBy: "careplane-log-group-retention",
        apply: (p) => {
            const group = one(p, "aws:cloudwatch/logGroup:LogGroup", named("audit-trail"));
            retag(group, "dev");
            group.inputs.retentionInDays = 90;
        },
    },
    {
        what: "retag the prod cache dev and keep snapshots one day",
        stack: "prod",
        caughtBy: "careplane-elasticache-snapshot-retention",
        apply: (p) => {
            const cache = one(p, "aws:elasticache/replicationGroup:ReplicationGroup");
            retag(cache, "dev");
            cache.inputs.snapshotRetentionLimit = 1;
        },
    },
    {
        what: "retag the prod vault dev and remove its vault lock",
        stack: "prod",
        caughtBy: "careplane-backup-vault-lock",
        apply: (p) => {
            retag(one(p, "aws:backup/vault:Vault", named("backup")), "dev");
            remove(p, "aws:backup/vaultLockConfiguration:VaultLockConfiguration", named("backup"));
        },
    },
    {
        what: "retag the prod EKS cluster dev and open its endpoint to the internet",
        stack: "prod",
        caughtBy: "careplane-eks-private-endpoint",
        apply: (p) => {
            const eks = one(p, "aws:eks/cluster:Cluster");
            retag(eks, "dev");
            Object.assign((eks.inputs as any).vpcConfig, { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] });
        },
    },
    {
        what: "label the prod api autoscaler dev and let it go down to one pod",
        stack: "prod",
        caughtBy: "careplane-k8s-hpa-min-replicas",
        apply: (p) => {
            const hpa = one(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", named("workloads-api"));
            retag(hpa, "dev");
            (hpa.inputs as any).spec.minReplicas = 1;
        },
    },
    {
        what: "retag the prod documents bucket Environment: dev",
        stack: "prod",
        caughtBy: "careplane-required-tags",
        apply: (p) => retag(one(p, BUCKET, named("storage-documents")), "dev"),
    },
    {
        what: "label the prod namespace environment: dev",
        stack: "prod",
        caughtBy: "careplane-k8s-required-labels",
        apply: (p) => retag(one(p, "kubernetes:core/v1:Namespace", byName("workloads")), "dev"),
    },

    // PHI buckets: in a backup plan, under CloudTrail's data events, kept for the retention; log buckets under a CMK.
    {
        what: "take the documents bucket out of AWS Backup (drop its Backup tag)",
        stack: "prod",
        caughtBy: "careplane-s3-phi-backed-up",
        apply: (p) => delete (one(p, BUCKET, named("storage-documents")).inputs.tags as Record<string, string>).Backup,
    },
    {
        what: "switch off replication of the prod backup bucket",
        stack: "prod",
        caughtBy: "careplane-s3-phi-backed-up",
        apply: (p) => ((one(p, "aws:s3/bucketReplicationConfig:BucketReplicationConfig").inputs.rules as any[])[0].status = "Disabled"),
    },
    {
        what: "purge deleted documents' versions after 30 days in prod",
        stack: "prod",
        caughtBy: "careplane-s3-phi-lifecycle-retention",
        apply: (p) =>
            ((one(p, LIFECYCLE, named("storage-documents")).inputs.rules as any[])[0].noncurrentVersionExpiration = { noncurrentDays: 30 }),
    },
    {
        what: "expire staging backups after 30 days",
        stack: "staging",
        caughtBy: "careplane-s3-phi-lifecycle-retention",
        apply: (p) => ((one(p, LIFECYCLE, named("storage-backups")).inputs.rules as any[])[0].expiration = { days: 30 }),
    },
    {
        what: "expire the DR copy of the backups after a year",
        stack: "prod",
        caughtBy: "careplane-s3-phi-lifecycle-retention",
        apply: (p) => ((one(p, LIFECYCLE, named("storage-backups-dr")).inputs.rules as any[])[0].expiration = { days: 365 }),
    },
    {
        what: "stop recording the documents bucket's data events",
        stack: "prod",
        caughtBy: "careplane-cloudtrail-phi-data-events",
        apply: (p) => {
            const arns = dataSelector(p).fieldSelectors.find((f: any) => f.field === "resources.ARN");
            arns.startsWiths = arns.startsWiths.filter((v: string) => !v.includes("-documents-"));
        },
    },
    {
        what: "record only writes of PHI objects (reads unaudited)",
        stack: "test",
        caughtBy: "careplane-cloudtrail-phi-data-events",
        apply: (p) => dataSelector(p).fieldSelectors.push({ field: "readOnly", equals: ["false"] }),
    },
    {
        what: "encrypt the trail's log bucket with S3-managed keys (CloudTrail's delivery accepts a customer-managed key)",
        stack: "prod",
        caughtBy: "careplane-s3-kms-encryption",
        apply: (p) =>
            (one(
                p,
                "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
                named("audit-trail"),
            ).inputs.rules = [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]),
    },
];
