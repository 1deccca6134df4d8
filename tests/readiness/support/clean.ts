// A copy of a real stack's plan with every deploy blocker of today's program fixed the way issue 18
// asks (each fix idempotent: once the fixes land in components/, the copy is the plan itself). The
// mutation suite starts from these copies, so each mutation is measured against a clean plan.
import { Plan, PlannedResource } from "../../../tools/engine/plan";
import { parsePolicy, PolicyDocument } from "../../../tools/readiness/policy";
import { planOf } from "../../support/engine";

/** The day the calendars are read on: Kubernetes 1.34 and the pinned charts are in standard support. */
export const TODAY = new Date("2026-11-01T12:00:00Z");

/** The account the stack deploys into (plan.json's deployment). */
export const accountOf = (plan: Plan): string => plan.deployment!.accountId;

export const byType = (plan: Plan, type: string) => plan.resources.filter((r) => r.type === type);
export const named = (plan: Plan, type: string, name: string) => {
    const found = plan.resources.find((r) => r.type === type && r.name === name);
    if (!found) throw new Error(`fixture target missing: no ${type} named ${name} in ${plan.stack}'s plan`);
    return found;
};

/** Makes `r` wait for `on` (once). */
export function dependOn(r: PlannedResource, on: PlannedResource): void {
    if (!r.dependencies.includes(on.urn)) r.dependencies.push(on.urn);
}

export function editPolicy(r: PlannedResource, property: string, edit: (doc: PolicyDocument) => void): void {
    const doc = parsePolicy(r.inputs[property])!;
    edit(doc);
    r.inputs[property] = JSON.stringify(doc);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Whether a key policy lets a service call `action` with no encryption-context condition (calls such as DescribeKey carry none). */
function grantsWithoutContext(doc: PolicyDocument, service: string, action: string): boolean {
    return doc.Statement.some(
        (s) =>
            s.Effect === "Allow" &&
            asList((s.Principal as any)?.Service).includes(service) &&
            asList(s.Action).includes(action) &&
            !Object.values(s.Condition ?? {}).some((c) => Object.keys(c).some((k) => k.startsWith("kms:EncryptionContext"))),
    );
}

/** The tags every resource carries (TEAM.md), for resources the fixes add. */
const tags = (plan: Plan) => ({
    Environment: plan.environment,
    DataClassification: "internal",
    Owner: "platform-team",
    ManagedBy: "pulumi",
});

export function addResource(plan: Plan, r: Partial<PlannedResource> & { type: string; name: string }): PlannedResource {
    const existing = plan.resources.find((x) => x.type === r.type && x.name === r.name);
    if (existing) return existing;
    if (r.type.startsWith("aws:") && !r.type.startsWith("aws:vpc/") && !r.type.startsWith("aws:iam/serviceLinkedRole"))
        r = { ...r, inputs: { tags: tags(plan), ...r.inputs } };
    const resource: PlannedResource = {
        urn: `urn:pulumi:${plan.stack}::${plan.project}::${r.type}::${r.name}`,
        custom: true,
        parent: "",
        provider: "",
        protect: false,
        dependencies: [],
        propertyDependencies: {},
        options: { retainOnDelete: false, deleteBeforeReplace: false, ignoreChanges: [], additionalSecretOutputs: [] },
        inputs: {},
        ...r,
    };
    plan.resources.push(resource);
    return resource;
}

const T = {
    key: "aws:kms/key:Key",
    trail: "aws:cloudtrail/trail:Trail",
    rds: "aws:rds/instance:Instance",
    release: "kubernetes:helm.sh/v3:Release",
    service: "kubernetes:core/v1:Service",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    eks: "aws:eks/cluster:Cluster",
    addon: "aws:eks/addon:Addon",
};

/** Every fix, in the order a reviewer would read them. */
const FIXES: Array<(plan: Plan) => void> = [
    function wafDescriptionWithoutApostrophe(plan) {
        for (const acl of byType(plan, "aws:wafv2/webAcl:WebAcl"))
            acl.inputs.description = String(acl.inputs.description).replace(/'/g, "");
    },
    function replicatedInstancesManageTheirOwnPassword(plan) {
        const sources = new Set(
            byType(plan, T.rds)
                .map((r) => r.inputs.replicateSourceDb)
                .filter(Boolean),
        );
        for (const db of byType(plan, T.rds).filter((d) => sources.has(d.inputs.identifier))) {
            db.inputs.manageMasterUserPassword = false;
            delete db.inputs.masterUserSecretKmsKeyId;
            db.inputs.password = "[secret]";
        }
    },
    function autoScalingRoleCreatedFirst(plan) {
        for (const key of byType(plan, T.key).filter((k) => String(k.inputs.policy).includes("AWSServiceRoleForAutoScaling"))) {
            const slr =
                byType(plan, "aws:iam/serviceLinkedRole:ServiceLinkedRole").find(
                    (r) => r.inputs.awsServiceName === "autoscaling.amazonaws.com",
                ) ??
                addResource(plan, {
                    type: "aws:iam/serviceLinkedRole:ServiceLinkedRole",
                    name: "autoscaling",
                    inputs: { awsServiceName: "autoscaling.amazonaws.com" },
                });
            dependOn(key, slr);
        }
    },
    function cloudTrailDescribesAndDecrypts(plan) {
        for (const trail of byType(plan, T.trail)) {
            const key = byType(plan, T.key).find((k) => String(trail.inputs.kmsKeyId).endsWith(`key/${k.name}`))!;
            const trailArn = `arn:aws:cloudtrail:us-east-1:${accountOf(plan)}:trail/${trail.inputs.name}`;
            editPolicy(key, "policy", (doc) => {
                if (["kms:DescribeKey", "kms:Decrypt"].every((a) => grantsWithoutContext(doc, "cloudtrail.amazonaws.com", a))) return;
                doc.Statement.push({
                    Sid: "CloudTrailDescribesAndDecrypts",
                    Effect: "Allow",
                    Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: ["kms:DescribeKey", "kms:Decrypt"],
                    Resource: "*",
                    Condition: { StringEquals: { "aws:SourceArn": trailArn } },
                });
            });
        }
    },
    function servicesWaitForTheWebhook(plan) {
        const controller = byType(plan, T.release).find((r) => r.inputs.chart === "aws-load-balancer-controller");
        if (!controller) return;
        for (const r of [...byType(plan, T.service), ...byType(plan, T.release), ...byType(plan, T.ingress)])
            if (r !== controller && !controller.dependencies.includes(r.urn)) dependOn(r, controller);
    },
    function rolesGrantedFirst(plan) {
        const handovers: Array<[string, string]> = [
            [T.trail, "cloudWatchLogsRoleArn"],
            ["aws:ec2/flowLog:FlowLog", "iamRoleArn"],
            [T.eks, "roleArn"],
            ["aws:eks/nodeGroup:NodeGroup", "nodeRoleArn"],
            [T.addon, "serviceAccountRoleArn"],
            ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", "role"],
            ["aws:backup/selection:Selection", "iamRoleArn"],
        ];
        for (const [type, property] of handovers)
            for (const holder of byType(plan, type)) {
                const role = (holder.propertyDependencies[property] ?? []).find((u) => u.includes("aws:iam/role:Role::"));
                if (!role) continue;
                for (const a of byType(plan, T.attachment).filter((a) => (a.propertyDependencies.role ?? []).includes(role)))
                    dependOn(holder, a);
            }
    },
    function runnerInTheVpc(plan) {
        const cluster = byType(plan, T.eks)[0];
        if (!cluster || byType(plan, "aws:codebuild/project:Project").length > 0) return;
        const subnets = (cluster.inputs.vpcConfig as any).subnetIds as string[];
        const sg = addResource(plan, {
            type: "aws:ec2/securityGroup:SecurityGroup",
            name: "ci-runner",
            inputs: {
                description: "CI runner: HTTPS to the cluster and the internet, PostgreSQL to the database",
                vpcId: "network-id",
                egress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/8"] },
                ],
            },
        });
        addResource(plan, {
            type: "aws:codebuild/project:Project",
            name: "ci-runner",
            dependencies: [sg.urn],
            inputs: { vpcConfig: { vpcId: "network-id", subnets, securityGroupIds: ["ci-runner-id"] } },
        });
        const clusterGroup = (
            plan.resources.find((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate")?.inputs.vpcSecurityGroupIds as string[]
        )[0];
        addResource(plan, {
            type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            name: "eks-api-from-ci-runner",
            dependencies: [cluster.urn, sg.urn],
            propertyDependencies: { securityGroupId: [cluster.urn], referencedSecurityGroupId: [sg.urn] },
            inputs: {
                securityGroupId: clusterGroup,
                referencedSecurityGroupId: "ci-runner-id",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
            },
        });
    },
    function ingressNamesItsCertificate(plan) {
        for (const ingress of byType(plan, T.ingress)) {
            const annotations = (ingress.inputs.metadata as any).annotations;
            annotations["alb.ingress.kubernetes.io/certificate-arn"] ??=
                `arn:aws:acm:us-east-1:${accountOf(plan)}:certificate/0b7d3c52-8e1f-4a6b-9c2d-5f4e3a2b1c09`;
        }
    },
    function supportedVersions(plan) {
        const cluster = byType(plan, T.eks).find((c) => c.inputs.version === "1.32");
        if (!cluster) return;
        cluster.inputs.version = "1.34";
        const pins: Record<string, string> = {
            "kube-proxy": "v1.34.1-eksbuild.2",
            coredns: "v1.12.4-eksbuild.1",
            "vpc-cni": "v1.20.1-eksbuild.3",
        };
        for (const addon of byType(plan, T.addon))
            if (pins[addon.inputs.addonName as string]) addon.inputs.addonVersion = pins[addon.inputs.addonName as string];
        for (const r of byType(plan, T.release).filter((r) => r.inputs.chart === "external-secrets")) r.inputs.version = "2.7.0";
    },
];

const clean = new Map<string, Promise<Plan>>();

/** A private copy of the stack's clean plan. */
export async function cleanPlan(stack: string): Promise<Plan> {
    if (!clean.has(stack))
        clean.set(
            stack,
            planOf(stack).then((p) => {
                const copy = structuredClone(p);
                for (const fix of FIXES) fix(copy);
                return copy;
            }),
        );
    return structuredClone(await clean.get(stack)!);
}
