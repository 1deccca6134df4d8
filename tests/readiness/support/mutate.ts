// Edits the mutation suite makes to clean plans, named for what they touch.
import { Plan, PlannedResource } from "../../../tools/engine/plan";
import { PolicyDocument, Statement } from "../../../tools/readiness/policy";
import { byType, editPolicy, named } from "./clean";

export const T = {
    key: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    trail: "aws:cloudtrail/trail:Trail",
    bucket: "aws:s3/bucket:Bucket",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    secret: "aws:secretsmanager/secret:Secret",
    pullThroughCacheRule: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
    repositoryCreationTemplate: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
    registryScanningConfiguration: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
    rds: "aws:rds/instance:Instance",
    rdsParameters: "aws:rds/parameterGroup:ParameterGroup",
    cache: "aws:elasticache/replicationGroup:ReplicationGroup",
    cacheParameters: "aws:elasticache/parameterGroup:ParameterGroup",
    backupPlan: "aws:backup/plan:Plan",
    vault: "aws:backup/vault:Vault",
    vaultLock: "aws:backup/vaultLockConfiguration:VaultLockConfiguration",
    eks: "aws:eks/cluster:Cluster",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    addon: "aws:eks/addon:Addon",
    role: "aws:iam/role:Role",
    policy: "aws:iam/policy:Policy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    slr: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    flowLog: "aws:ec2/flowLog:FlowLog",
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    guardduty: "aws:guardduty/detector:Detector",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    codebuild: "aws:codebuild/project:Project",
    accessPolicy: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    k8sProvider: "pulumi:providers:kubernetes",
    webAcl: "aws:wafv2/webAcl:WebAcl",
    webAclLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    release: "kubernetes:helm.sh/v3:Release",
    service: "kubernetes:core/v1:Service",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    deployment: "kubernetes:apps/v1:Deployment",
    namespace: "kubernetes:core/v1:Namespace",
    externalSecret: "kubernetes:external-secrets.io/v1:ExternalSecret",
    secretStore: "kubernetes:external-secrets.io/v1:SecretStore",
    configMap: "kubernetes:core/v1:ConfigMap",
    prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
};

export { byType, named };

/** The statement of a policy with this Sid (a missing one is a broken test). */
export function statement(doc: PolicyDocument, sid: string): Statement {
    const s = doc.Statement.find((x) => x.Sid === sid);
    if (!s) throw new Error(`fixture target missing: no statement ${sid}`);
    return s;
}

export function dropStatement(r: PlannedResource, property: string, sid: string): void {
    editPolicy(r, property, (doc) => {
        statement(doc, sid);
        doc.Statement = doc.Statement.filter((s) => s.Sid !== sid);
    });
}

/** Stops `r` from waiting for the resources a predicate picks (they must be among its dependencies). */
export function undepend(plan: Plan, r: PlannedResource, pick: (d: PlannedResource) => boolean): void {
    const byUrn = new Map(plan.resources.map((x) => [x.urn, x]));
    const before = r.dependencies.length;
    r.dependencies = r.dependencies.filter((u) => !pick(byUrn.get(u)!));
    for (const k of Object.keys(r.propertyDependencies))
        r.propertyDependencies[k] = r.propertyDependencies[k].filter((u) => !pick(byUrn.get(u)!));
    if (r.dependencies.length === before) throw new Error(`fixture target missing: ${r.name} depends on nothing the mutation removes`);
}

/** Removes every dependency of `r` through which it waits for `target` (directly or transitively), as undepend does. */
export function cutFrom(plan: Plan, r: PlannedResource, target: (d: PlannedResource) => boolean): void {
    const byUrn = new Map(plan.resources.map((x) => [x.urn, x]));
    const leadsTo = (urn: string, seen = new Set<string>()): boolean => {
        if (seen.has(urn)) return false;
        seen.add(urn);
        const d = byUrn.get(urn);
        return !!d && (target(d) || [...d.dependencies, ...(d.provider ? [d.provider] : [])].some((u) => leadsTo(u, seen)));
    };
    const leading = new Set(r.dependencies.filter((u) => leadsTo(u)));
    undepend(plan, r, (d) => leading.has(d.urn));
}

/** The ViaService values of the key's "use through services" statement, edited. */
export function editViaServices(key: PlannedResource, edit: (services: string[]) => string[]): void {
    editPolicy(key, "policy", (doc) => {
        const use = doc.Statement.find((s) => s.Condition?.StringEquals?.["kms:ViaService"] !== undefined)!;
        const via = use.Condition!.StringEquals["kms:ViaService"];
        use.Condition!.StringEquals["kms:ViaService"] = edit(Array.isArray(via) ? (via as string[]) : [via as string]);
    });
}

export const annotations = (ingress: PlannedResource) => (ingress.inputs.metadata as any).annotations as Record<string, string>;

/**
 * The common hardening of a key policy: deny every use that does not come through the named
 * services (AWS services acting for themselves excepted); `edit` picks the services it names.
 */
export function denyOutside(key: PlannedResource, edit: (services: string[]) => string[]): void {
    let services: string[] = [];
    editViaServices(key, (s) => (services = s));
    editPolicy(key, "policy", (doc) =>
        doc.Statement.push({
            Sid: "DenyOutsideNamedServices",
            Effect: "Deny",
            Principal: "*",
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
            Resource: "*",
            Condition: { StringNotEquals: { "kms:ViaService": edit(services) }, Bool: { "aws:PrincipalIsAWSService": "false" } },
        }),
    );
}

/** The CI runner in the VPC (the program's CodeBuild project, or the clean copy's stand-in). */
export function runner(plan: Plan): PlannedResource {
    const found = byType(plan, T.codebuild).filter((p) => (p.inputs.vpcConfig as any)?.subnets);
    if (found.length !== 1) throw new Error(`fixture target missing: ${found.length} CodeBuild projects in a VPC in ${plan.stack}'s plan`);
    return found[0];
}

/** The runner's own security group. */
export function runnerGroup(plan: Plan): PlannedResource {
    const id = (runner(plan).inputs.vpcConfig as any).securityGroupIds[0];
    const group = byType(plan, T.sg).find((g) => `${g.name}-id` === id || g.inputs.name === id);
    if (!group) throw new Error(`fixture target missing: no security group ${id} in ${plan.stack}'s plan`);
    return group;
}
