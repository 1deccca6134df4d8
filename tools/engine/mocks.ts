import * as pulumi from "@pulumi/pulumi";
import { createHash } from "crypto";

/** The account offline resources live in when the stack names none (`careplane:account.id`). */
export const MOCK_ACCOUNT_ID = "123456789012";

/** Every generated secret starts with this, so tests can prove none reaches a plan file. */
export const MOCK_SECRET_PREFIX = "mocksecret";

function region(): string {
    return pulumi.runtime.allConfig()["aws:region"] ?? "us-east-1";
}

/** The stack's configured account, as getCallerIdentity answers it under credentials of that account. */
function account(): string {
    const configured = pulumi.runtime.allConfig()["careplane:account"];
    if (!configured) return MOCK_ACCOUNT_ID;
    try {
        const id = JSON.parse(configured).id;
        return typeof id === "string" ? id : MOCK_ACCOUNT_ID;
    } catch {
        return MOCK_ACCOUNT_ID;
    }
}

function digest(text: string, length: number): string {
    let out = "";
    for (let i = 0; out.length < length; i++) out += createHash("sha256").update(`${text}:${i}`).digest("hex");
    return out.slice(0, length);
}

/** Regions of explicit AWS providers by their id, so resources created through one get ARNs there. */
const providerRegions = new Map<string, string>();

function regionOf(providerRef: string | undefined): string {
    const id = providerRef ? providerRef.slice(providerRef.lastIndexOf("::") + 2) : "";
    return providerRegions.get(id) || region();
}

/** The DbiResourceId the mocks give an RDS instance: what IAM database authentication names (rds-db:connect). */
export function mockDbiResourceId(name: string): string {
    return `db-${digest(name, 26).toUpperCase()}`;
}

/** `aws:ec2/vpc:Vpc` → `arn:aws:ec2:<region>:<account>:vpc/<name>`. */
export function mockArn(type: string, name: string, inRegion = region(), inAccount = account()): string {
    const [, module, resource] = type.split(":");
    const service = module.split("/")[0];
    return `arn:aws:${service}:${inRegion}:${inAccount}:${resource.toLowerCase()}/${name}`;
}

/**
 * An IAM role's ARN as AWS writes it: global (no region), carrying the role's name. The mock names
 * an unnamed role by its logical name here (its generated `name` output differs), as policies
 * built from the ARN output read it.
 */
export function mockRoleArn(name: string, inputs: { name?: unknown }, inAccount = account()): string {
    return `arn:aws:iam::${inAccount}:role/${inputs.name ?? name}`;
}

type Computed = (name: string, inputs: Record<string, any>, inRegion: string) => Record<string, unknown>;

/** Outputs a provider computes that the program reads back; everything else echoes the inputs. */
const computedOutputs: Record<string, Computed> = {
    "aws:kms/key:Key": (name) => ({ keyId: `${digest(name, 8)}-mock-key` }),
    // A global service: its ARNs name no region (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudfront.html).
    "aws:cloudfront/distribution:Distribution": (name) => {
        const id = `E${digest(name, 13).toUpperCase()}`;
        return { arn: `arn:aws:cloudfront::${account()}:distribution/${id}`, domainName: `d${digest(name, 13)}.cloudfront.net` };
    },
    "aws:cloudwatch/logGroup:LogGroup": (name, inputs, inRegion) => ({
        arn: `arn:aws:logs:${inRegion}:${account()}:log-group:${inputs.name ?? name}`,
    }),
    "aws:eks/cluster:Cluster": (name, inputs) => {
        const id = digest(name, 32).toUpperCase();
        return {
            endpoint: `https://${id}.gr7.${region()}.eks.amazonaws.com`,
            certificateAuthority: { data: Buffer.from(`mock CA of ${name}`).toString("base64") },
            identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region()}.amazonaws.com/id/${id}` }] }],
            vpcConfig: { ...inputs.vpcConfig, clusterSecurityGroupId: `sg-${digest(name, 17)}` },
        };
    },
    // Pulumi auto-names a node group left unnamed; its ARN carries the cluster, that name and an id
    // (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelastickubernetesservice.html).
    "aws:eks/nodeGroup:NodeGroup": (name, inputs, inRegion) => {
        const nodeGroupName = inputs.nodeGroupName ?? `${name}-${digest(name, 7)}`;
        return {
            nodeGroupName,
            arn: `arn:aws:eks:${inRegion}:${account()}:nodegroup/${inputs.clusterName}/${nodeGroupName}/${digest(name, 8)}-mock`,
        };
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (_name, inputs) => ({
        arn: `arn:aws:iam::${account()}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}`,
    }),
    // AWS names a role the program leaves unnamed; its attachments and policies refer to that name.
    // A named role's ARN carries its name, as AWS's does: resource policies that name it by ARN
    // (`aws:PrincipalArn`) and the role's own ARN then agree. An unnamed one keeps its logical name.
    "aws:iam/role:Role": (name, inputs) => ({
        name: inputs.name ?? `${name}-${digest(name, 7)}`,
        arn: mockRoleArn(name, inputs),
    }),
    "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1 }),
    // Lambda and ElastiCache spell their ARNs `function:<name>` and `user:<id>`; IAM conditions compare them.
    "aws:lambda/function:Function": (name, inputs, inRegion) => ({
        arn: `arn:aws:lambda:${inRegion}:${account()}:function:${inputs.name ?? name}`,
        qualifiedArn: `arn:aws:lambda:${inRegion}:${account()}:function:${inputs.name ?? name}:$LATEST`,
    }),
    "aws:elasticache/user:User": (name, inputs, inRegion) => ({
        arn: `arn:aws:elasticache:${inRegion}:${account()}:user:${inputs.userId ?? name}`,
    }),
    "aws:sqs/queue:Queue": (name, inputs, inRegion) => ({
        arn: `arn:aws:sqs:${inRegion}:${account()}:${inputs.name ?? name}`,
        url: `https://sqs.${inRegion}.amazonaws.com/${account()}/${inputs.name ?? name}`,
    }),
    // The Serverless Application Repository's rotation templates answer the function they created.
    "aws:serverlessrepository/cloudFormationStack:CloudFormationStack": (name, inputs, inRegion) => ({
        outputs: { RotationLambdaARN: `arn:aws:lambda:${inRegion}:${account()}:function:${inputs.parameters?.functionName ?? name}` },
    }),
    "aws:s3/bucket:Bucket": (name, inputs) => ({ bucket: inputs.bucket ?? name, arn: `arn:aws:s3:::${inputs.bucket ?? name}` }),
    "aws:backup/vault:Vault": (name, inputs, inRegion) => ({
        arn: `arn:aws:backup:${inRegion}:${account()}:backup-vault:${inputs.name ?? name}`,
    }),
    "random:index/randomPassword:RandomPassword": (name, inputs) => ({
        result: (MOCK_SECRET_PREFIX + digest(name, 200)).slice(0, inputs.length ?? 32),
    }),
    "random:index/randomString:RandomString": (name, inputs) => ({
        result: (MOCK_SECRET_PREFIX + digest(name, 200)).slice(0, inputs.length ?? 32),
    }),
    "random:index/randomId:RandomId": (name, inputs) => ({ hex: digest(name, (inputs.byteLength ?? 8) * 2) }),
    "aws:rds/instance:Instance": (name, inputs) => {
        const address = `${inputs.identifier ?? name}.${digest(name, 12)}.${region()}.rds.amazonaws.com`;
        const secretArn = `arn:aws:secretsmanager:${region()}:${account()}:secret:rds!db-${digest(name, 8)}`;
        return {
            address,
            endpoint: `${address}:${inputs.port ?? 5432}`,
            resourceId: mockDbiResourceId(name),
            masterUserSecrets: inputs.manageMasterUserPassword
                ? [{ secretArn, kmsKeyId: inputs.masterUserSecretKmsKeyId, secretStatus: "active" }]
                : [],
        };
    },
    // ACM answers a DNS validation record per name the certificate covers.
    "aws:acm/certificate:Certificate": (name, inputs) => ({
        domainValidationOptions: [inputs.domainName, ...(inputs.subjectAlternativeNames ?? [])].map((domainName: string) => ({
            domainName,
            resourceRecordName: `_${digest(`${name}:${domainName}`, 32)}.${domainName}.`,
            resourceRecordType: "CNAME",
            resourceRecordValue: `_${digest(`${name}:${domainName}:value`, 32)}.acm-validations.aws.`,
        })),
    }),
    "aws:route53/record:Record": (_name, inputs) => ({ fqdn: String(inputs.name ?? "").replace(/\.$/, "") }),
    // Pulumi awaits an Ingress until the AWS Load Balancer Controller has written its load balancer's name into the status.
    "kubernetes:networking.k8s.io/v1:Ingress": (name, _inputs, inRegion) => ({
        status: {
            loadBalancer: { ingress: [{ hostname: `k8s-${digest(name, 20)}-${digest(`${name}:lb`, 10)}.${inRegion}.elb.amazonaws.com` }] },
        },
    }),
    "aws:elasticache/replicationGroup:ReplicationGroup": (name, inputs) => {
        const host = (role: string) => `${role}.${inputs.replicationGroupId ?? name}.${digest(name, 6)}.cache.amazonaws.com`;
        return inputs.clusterMode === "enabled"
            ? { configurationEndpointAddress: host("clustercfg") }
            : { primaryEndpointAddress: host("master"), readerEndpointAddress: host("replica") };
    },
};

/** AWS-managed prefix lists the program looks up by name, with the ids the mocks give them (real ids differ per region). */
export const MOCK_PREFIX_LISTS: Record<string, { id: string; maxEntries: number }> = {
    "com.amazonaws.global.cloudfront.origin-facing": { id: "pl-3b927c52", maxEntries: 55 },
};

/** Answers for the data sources the program calls. */
const invokeResults: Record<string, (inputs: Record<string, any>) => Record<string, unknown>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": () => ({
        accountId: account(),
        arn: `arn:aws:iam::${account()}:user/offline-preview`,
        userId: "AIDAOFFLINEPREVIEW",
        id: account(),
    }),
    "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
    "aws:index/getRegion:getRegion": () => ({ name: region(), region: region(), id: region() }),
    "aws:secretsmanager/getSecretVersion:getSecretVersion": (inputs) => ({
        secretString: JSON.stringify({ username: "admin", password: MOCK_SECRET_PREFIX + digest(String(inputs.secretId), 32) }),
        id: inputs.secretId,
    }),
    // A function created elsewhere (a Serverless Application Repository stack): its role as CloudFormation names it.
    "aws:lambda/getFunction:getFunction": (inputs) => {
        const functionName = String(inputs.functionName).split(":").pop();
        return {
            functionName,
            arn: `arn:aws:lambda:${region()}:${account()}:function:${functionName}`,
            role: mockRoleArn(`serverlessrepo-${functionName}-RotationLambdaRole`, {}),
            id: functionName,
        };
    },
    "aws:ec2/getManagedPrefixList:getManagedPrefixList": (inputs) => {
        const list = MOCK_PREFIX_LISTS[String(inputs.name)];
        if (!list)
            throw new Error(`the offline preview knows no managed prefix list named ${inputs.name}; add it to tools/engine/mocks.ts`);
        return {
            id: list.id,
            name: inputs.name,
            arn: `arn:aws:ec2:${region()}:aws:prefix-list/${list.id}`,
            addressFamily: "IPv4",
            maxEntries: list.maxEntries,
            ownerId: "AWS",
            entries: [],
            tags: {},
            version: 1,
        };
    },
    // Application load balancers' canonical hosted zones (ELB endpoints table; the provider answers from the same table).
    "aws:lb/getHostedZoneId:getHostedZoneId": (inputs) => {
        const zones: Record<string, string> = { "us-east-1": "Z35SXDOTRQ7X7K", "us-west-2": "Z1H1FL5HABSF5" };
        const inRegion = String(inputs.region ?? region());
        if (inputs.loadBalancerType !== "application" || !zones[inRegion])
            throw new Error(
                `the offline preview knows no ${inputs.loadBalancerType} load balancer zone in ${inRegion}; add it to tools/engine/mocks.ts`,
            );
        return { id: zones[inRegion], region: inRegion, loadBalancerType: "application" };
    },
    "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
        names: ["a", "b", "c", "d"].map((z) => `${region()}${z}`),
        zoneIds: [1, 2, 3, 4].map((z) => `use1-az${z}`),
        id: region(),
    }),
};

/** The wire format has no undefined: the recording monitor sends the state as it is. */
function withoutUndefined(values: Record<string, unknown>): Record<string, unknown> {
    return JSON.parse(JSON.stringify(values));
}

/**
 * Inputs arrive deserialized from the SDK's own mock monitor (tests) and in wire form from the
 * recording monitor; the outputs computed here read only plain strings, numbers and objects, the
 * same in both.
 */
export const offlineMocks: pulumi.runtime.Mocks = {
    newResource(args) {
        const id = `${args.name}-id`;
        if (args.type === "pulumi:providers:aws" && args.inputs.region) providerRegions.set(id, args.inputs.region);
        // A resource's own region input (provider v7) overrides its provider's.
        const inRegion = typeof args.inputs.region === "string" ? args.inputs.region : regionOf(args.provider);
        const computed = withoutUndefined(computedOutputs[args.type]?.(args.name, args.inputs, inRegion) ?? {});
        const state: Record<string, unknown> = { ...args.inputs, ...computed };
        if (args.type.startsWith("aws:") && state.arn === undefined) state.arn = mockArn(args.type, args.name, inRegion);
        return { id, state };
    },
    call(args) {
        const answer = invokeResults[args.token];
        if (!answer) throw new Error(`the offline preview has no mock for data source ${args.token}; add one to tools/engine/mocks.ts`);
        return answer(args.inputs);
    },
};
