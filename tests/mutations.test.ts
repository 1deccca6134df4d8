// The mutation suite: every mutation, applied to a copy of a real stack's plan, must be caught
// by a new mandatory violation from the control named. The kill rate is printed; it must be 100 %.
import { expect } from "chai";
import { Violation } from "../tools/engine/analyzer";
import { Plan } from "../tools/engine/plan";
import { planOf, violationsOf } from "./support/engine";
import { byName, Mutation, one, remove } from "./support/mutations";

const KEY = "aws:kms/key:Key";
const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const SUBNET = "aws:ec2/subnet:Subnet";
const SG = "aws:ec2/securityGroup:SecurityGroup";

export const mutations: Mutation[] = [
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
        what: "open SSH on the app security group to the world",
        stack: "prod",
        caughtBy: "careplane-ec2-security-group-no-public-ingress",
        apply: (p) =>
            ((one(p, SG, byName("app")).inputs as any).ingress = [
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
        what: "grant a role kms:* through an inline policy",
        stack: "prod",
        caughtBy: "careplane-iam-no-wildcard-actions",
        apply: (p) =>
            (one(p, "aws:iam/rolePolicy:RolePolicy").inputs.policy = JSON.stringify({
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
];

describe("the mutation suite", function () {
    this.timeout(300000);
    const survivors: string[] = [];
    const baselines = new Map<string, Promise<Set<string>>>();
    const key = (v: Violation) => `${v.policyName}|${v.urn}|${v.message}`;
    const baseline = (stack: string) => {
        if (!baselines.has(stack))
            baselines.set(
                stack,
                planOf(stack)
                    .then(violationsOf)
                    .then((vs) => new Set(vs.filter((v) => v.enforcementLevel === "mandatory").map(key))),
            );
        return baselines.get(stack)!;
    };

    after(() => {
        const killed = mutations.length - survivors.length;
        console.log(
            `\n      mutation suite: ${killed}/${mutations.length} killed, kill rate ${((100 * killed) / mutations.length).toFixed(1)} %`,
        );
        for (const s of survivors) console.log(`      survived: ${s}`);
    });

    it("has at least 60 mutations across the areas", () => {
        expect(mutations.length).to.be.at.least(60);
    });

    for (const m of mutations) {
        it(`${m.stack}: ${m.what} → ${m.caughtBy}`, async () => {
            const plan: Plan = structuredClone(await planOf(m.stack));
            m.apply(plan);
            const before = await baseline(m.stack);
            const caught = (await violationsOf(plan)).filter((v) => v.enforcementLevel === "mandatory" && !before.has(key(v)));
            const byControl = caught.filter((v) => v.policyName === m.caughtBy);
            if (byControl.length === 0) survivors.push(`${m.stack}: ${m.what}`);
            expect(
                byControl.map((v) => v.policyName),
                `new mandatory violations: ${caught.map((v) => v.policyName).join(", ") || "none"}`,
            ).to.not.be.empty;
        });
    }
});
