// Every IAM and resource policy a plan carries, read from the inputs the program passed: roles
// with their trust and identity policies, and the policies attached to keys, buckets, secrets and
// vaults. Nothing here is rebuilt from the components' functions: the tests judge what was written.
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { MOCK_ACCOUNT_ID, mockArn } from "../../tools/engine/mocks";

export const ACCOUNT = MOCK_ACCOUNT_ID;
export const OTHER_ACCOUNT = "999999999999";

export type PolicyDocument = { Version?: string; Statement: Array<Record<string, any>> };

export interface RoleAccess {
    /** The role's logical name in the program (workloads-api, analytics, ...). */
    name: string;
    arn: string;
    trust: PolicyDocument;
    /** Inline policies, RolePolicy resources and attached customer-managed policies. */
    policies: Array<{ name: string; policy: PolicyDocument }>;
    /** AWS managed policies attached by ARN; their documents are AWS's, not the program's. */
    managed: string[];
}

export interface ResourcePolicy {
    /** The resource the policy guards, as the program referenced it (key ARN, bucket name, ...). */
    target: string;
    type: string;
    name: string;
    policy: PolicyDocument;
}

export interface StackPolicies {
    environment: string;
    roles: Map<string, RoleAccess>;
    keyPolicies: Map<string, ResourcePolicy>;
    bucketPolicies: Map<string, ResourcePolicy>;
    secretPolicies: Map<string, ResourcePolicy>;
    vaultPolicies: Map<string, ResourcePolicy>;
    topicPolicies: Map<string, ResourcePolicy>;
    /**
     * VPC endpoint policies by endpoint name, their target the service name. They only narrow what
     * passes through an endpoint (a ceiling, never a grant), so they are not in `all`.
     */
    endpointPolicies: Map<string, ResourcePolicy>;
    /** Names of the plan's CloudTrail trails. */
    trailNames: string[];
    /** Secrets Manager entries by resource name, with the ARN the mock engine gave them. */
    secretArns: Map<string, string>;
    /** Every document, for scans that look at all of them. */
    all: Array<{ kind: "trust" | "identity" | "resource"; owner: string; policy: PolicyDocument }>;
}

/**
 * The mock engine answers `arn:aws:<service>:<region>:<account>:<type>/<name>` for every resource;
 * AWS spells a few differently, and iam-simulate checks an ARN against the action's resource
 * types. Rewritten alike in documents and requests, so every reference still points where it did.
 */
const awsSpellings: Array<[RegExp, string]> = [
    [/(arn:aws:secretsmanager:[^:"]*:\d{12}):secret\/([^"*?]+)/g, "$1:secret:$2-AbC123"],
    [/arn:aws:iam:[a-z0-9-]+:(\d{12}):/g, "arn:aws:iam::$1:"],
    [/(arn:aws:sns:[^:"]*:\d{12}):topic\/([^"]+)/g, "$1:$2"],
    [/arn:aws:cloudwatch:([^:"]*):(\d{12}):loggroup\/([^":]+)/g, "arn:aws:logs:$1:$2:log-group:$3"],
    [/arn:aws:efs:([^:"]*):(\d{12}):filesystem\//g, "arn:aws:elasticfilesystem:$1:$2:file-system/"],
    [/arn:aws:efs:([^:"]*):(\d{12}):accesspoint\//g, "arn:aws:elasticfilesystem:$1:$2:access-point/"],
];
export const awsArn = (text: string) => awsSpellings.reduce((t, [pattern, spelling]) => t.replace(pattern, spelling), text);

function parse(value: unknown, where: string): PolicyDocument {
    if (typeof value !== "string") throw new Error(`${where}: policy is not JSON text but ${JSON.stringify(value)}`);
    return JSON.parse(awsArn(value)) as PolicyDocument;
}

/** A resource's ARN as the mock engine answered it (every policy referencing it reads it so), in AWS's spelling. */
export const arnOf = (r: PlannedResource) => awsArn(mockArn(r.type, r.name, undefined, ACCOUNT));

/**
 * The table calls each stack's own account ACCOUNT, whichever account its stack file names, and
 * any other account by its number: what matters to a decision is this account or another one.
 */
export function inTableAccount(plan: Plan): Plan {
    const own = plan.deployment?.accountId;
    if (!own || own === ACCOUNT) return plan;
    return JSON.parse(JSON.stringify(plan).split(own).join(ACCOUNT));
}

export function collectPolicies(stackPlan: Plan): StackPolicies {
    const plan = inTableAccount(stackPlan);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const ofType = (type: string) => plan.resources.filter((r) => r.type === type);
    const dependency = (r: PlannedResource, type: string) => r.dependencies.map((u) => byUrn.get(u)).find((d) => d?.type === type);

    const roles = new Map<string, RoleAccess>();
    for (const role of ofType("aws:iam/role:Role")) {
        const inline = (role.inputs.inlinePolicies ?? []) as Array<{ name: string; policy: string }>;
        roles.set(role.name, {
            name: role.name,
            // Its ARN carries the name AWS knows it by: the physical name where the program sets one.
            arn: `arn:aws:iam::${ACCOUNT}:role/${String(role.inputs.name ?? role.name)}`,
            trust: parse(role.inputs.assumeRolePolicy, role.name),
            policies: inline.map((p) => ({ name: p.name, policy: parse(p.policy, `${role.name}/${p.name}`) })),
            managed: ((role.inputs.managedPolicyArns ?? []) as string[]).slice(),
        });
    }
    const roleOf = (r: PlannedResource) => {
        const role = dependency(r, "aws:iam/role:Role");
        if (!role) throw new Error(`${r.type} ${r.name} is attached to no role of the plan`);
        return roles.get(role.name)!;
    };
    for (const rp of ofType("aws:iam/rolePolicy:RolePolicy")) {
        roleOf(rp).policies.push({ name: rp.name, policy: parse(rp.inputs.policy, rp.name) });
    }
    for (const attachment of ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")) {
        const role = roleOf(attachment);
        const managed = dependency(attachment, "aws:iam/policy:Policy");
        if (managed) role.policies.push({ name: managed.name, policy: parse(managed.inputs.policy, managed.name) });
        else role.managed.push(String(attachment.inputs.policyArn));
    }

    const resourcePolicies = (type: string, target: (r: PlannedResource) => string) =>
        new Map(ofType(type).map((r) => [r.name, { target: target(r), type, name: r.name, policy: parse(r.inputs.policy, r.name) }]));
    const keyPolicies = resourcePolicies("aws:kms/key:Key", arnOf);
    const bucketPolicies = resourcePolicies("aws:s3/bucketPolicy:BucketPolicy", (r) => {
        const bucket = dependency(r, "aws:s3/bucket:Bucket");
        if (!bucket) throw new Error(`bucket policy ${r.name} guards no bucket of the plan`);
        return `arn:aws:s3:::${String(bucket.inputs.bucket ?? bucket.name)}`;
    });
    const secretPolicies = resourcePolicies("aws:secretsmanager/secretPolicy:SecretPolicy", (r) => awsArn(String(r.inputs.secretArn)));
    const vaultPolicies = resourcePolicies("aws:backup/vaultPolicy:VaultPolicy", (r) => String(r.inputs.backupVaultName));
    const topicPolicies = resourcePolicies("aws:sns/topicPolicy:TopicPolicy", (r) => awsArn(String(r.inputs.arn)));

    const endpointPolicies = new Map(
        ofType("aws:ec2/vpcEndpoint:VpcEndpoint")
            .filter((r) => r.inputs.policy !== undefined)
            .map((r) => [
                r.name,
                { target: String(r.inputs.serviceName), type: r.type, name: r.name, policy: parse(r.inputs.policy, r.name) },
            ]),
    );
    const trailNames = ofType("aws:cloudtrail/trail:Trail").map((t) => String(t.inputs.name));
    const secretArns = new Map(ofType("aws:secretsmanager/secret:Secret").map((r) => [r.name, arnOf(r)]));

    const all: StackPolicies["all"] = [];
    for (const role of roles.values()) {
        all.push({ kind: "trust", owner: role.name, policy: role.trust });
        for (const p of role.policies) all.push({ kind: "identity", owner: `${role.name} (${p.name})`, policy: p.policy });
    }
    for (const map of [keyPolicies, bucketPolicies, secretPolicies, vaultPolicies, topicPolicies]) {
        for (const p of map.values()) all.push({ kind: "resource", owner: `${p.type} ${p.name}`, policy: p.policy });
    }
    return {
        environment: plan.environment,
        roles,
        keyPolicies,
        bucketPolicies,
        secretPolicies,
        vaultPolicies,
        topicPolicies,
        endpointPolicies,
        trailNames,
        secretArns,
        all,
    };
}
