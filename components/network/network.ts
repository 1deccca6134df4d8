import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceTrustPolicy } from "../security/trust-policies";
import { PlatformContext } from "../context";
import { NetworkConfig } from "../config/schema/network";
import { logGroup } from "../audit/log-groups";
import { attachPolicy } from "../security/iam";
import { subnetCidr, SubnetTier } from "./subnets";
import { DataStore, dataStorePorts } from "./data-stores";
import { accountEndpointPolicy, ecrEndpointPolicy, s3GatewayEndpointPolicy } from "./endpoint-policies";

export interface NetworkArgs {
    context: PlatformContext;
    /** Encrypts the flow-log group. */
    logsKeyArn: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** The VPC's range, AZs, NAT gateways, endpoints and flow-log retention (`careplane:network`). */
    config: NetworkConfig;
}

/** The flow-log role writes to its own log group and nowhere else. */
export function flowLogsPolicy(logGroupArn: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [logGroupArn, `${logGroupArn}:*`],
            },
        ],
    };
}

const dataStoreNames: Record<DataStore, string> = { postgres: "PostgreSQL", redis: "Redis", files: "EFS" };

/** Interface endpoints by config switch; each keeps its AWS traffic inside the VPC, for this account only. */
const interfaceEndpoints = {
    secretsManager: ["secretsmanager"],
    ecr: ["ecr.api", "ecr.dkr"],
    logs: ["logs"],
} as const;

const endpointPolicies: Record<string, (accountId: string) => object> = {
    secretsmanager: accountEndpointPolicy,
    "ecr.api": ecrEndpointPolicy,
    "ecr.dkr": ecrEndpointPolicy,
    logs: accountEndpointPolicy,
};

/**
 * The VPC: public, private-app and isolated-data subnets in each AZ, NAT egress for the app tier
 * only, NACLs that fence the data tier, flow logs, and private endpoints to AWS services.
 */
export class Network extends pulumi.ComponentResource {
    readonly vpcId: pulumi.Output<string>;
    readonly cidr: string;
    readonly availabilityZones: pulumi.Output<string[]>;
    readonly subnetIds: Record<SubnetTier, pulumi.Output<string>[]>;
    /**
     * Per data store, the group its clients carry (pods through a SecurityGroupPolicy, ECS tasks directly); the
     * store's own group admits that group alone, so a workload that does not use a store cannot reach it.
     */
    readonly clientSecurityGroupIds: Record<DataStore, pulumi.Output<string>>;
    readonly natGatewayIds: pulumi.Output<string>[];

    constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:network:Network", name, {}, opts);
        const ctx = args.context;
        const cfg = args.config;
        const child = { parent: this };
        const tags = (suffix: string, extra: Record<string, string> = {}) => ctx.tags("internal", { Name: ctx.name(suffix), ...extra });
        this.cidr = cfg.cidr;

        const vpc = new aws.ec2.Vpc(
            name,
            { cidrBlock: cfg.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: tags("vpc") },
            child,
        );
        this.vpcId = vpc.id;

        // Adopting the default security group with no rules closes it: nothing can use it by accident.
        new aws.ec2.DefaultSecurityGroup(`${name}-default`, { vpcId: vpc.id, tags: tags("default-closed") }, child);

        const zones = aws.getAvailabilityZonesOutput({ state: "available" }, child);
        const azCount = cfg.availabilityZones;
        const azNames = Array.from({ length: azCount }, (_, i) => zones.names.apply((n) => n[i]));
        this.availabilityZones = pulumi.all(azNames);

        const subnet = (tier: SubnetTier, i: number) =>
            new aws.ec2.Subnet(
                `${name}-${tier}-${i}`,
                {
                    vpcId: vpc.id,
                    cidrBlock: subnetCidr(cfg.cidr, tier, i),
                    availabilityZone: azNames[i],
                    mapPublicIpOnLaunch: false,
                    tags: tags(`${tier}-${i}`, {
                        Tier: tier,
                        ...(tier === "public" ? { "kubernetes.io/role/elb": "1" } : {}),
                        ...(tier === "app" ? { "kubernetes.io/role/internal-elb": "1" } : {}),
                    }),
                },
                child,
            );
        const subnets = {
            public: azNames.map((_, i) => subnet("public", i)),
            app: azNames.map((_, i) => subnet("app", i)),
            data: azNames.map((_, i) => subnet("data", i)),
        };
        this.subnetIds = {
            public: subnets.public.map((s) => s.id),
            app: subnets.app.map((s) => s.id),
            data: subnets.data.map((s) => s.id),
        };

        // Public tier: the only route to the internet gateway.
        const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: tags("igw") }, child);
        const publicRoutes = new aws.ec2.RouteTable(
            `${name}-public`,
            { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags: tags("public") },
            child,
        );
        subnets.public.forEach(
            (s, i) => new aws.ec2.RouteTableAssociation(`${name}-public-${i}`, { subnetId: s.id, routeTableId: publicRoutes.id }, child),
        );

        // App tier: egress through NAT, one per AZ where the profile asks for it.
        const natCount = cfg.natGateways === "perAz" ? azCount : 1;
        const nats = Array.from({ length: natCount }, (_, i) => {
            const eip = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: "vpc", tags: tags(`nat-${i}`) }, child);
            return new aws.ec2.NatGateway(
                `${name}-nat-${i}`,
                { allocationId: eip.id, subnetId: subnets.public[i].id, connectivityType: "public", tags: tags(`nat-${i}`) },
                { parent: this, dependsOn: [igw] },
            );
        });
        this.natGatewayIds = nats.map((n) => n.id);
        const appRoutes = subnets.app.map((s, i) => {
            const table = new aws.ec2.RouteTable(
                `${name}-app-${i}`,
                { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nats[i % natCount].id }], tags: tags(`app-${i}`) },
                child,
            );
            new aws.ec2.RouteTableAssociation(`${name}-app-${i}`, { subnetId: s.id, routeTableId: table.id }, child);
            return table;
        });

        // Data tier: no route out of the VPC at all.
        const dataRoutes = new aws.ec2.RouteTable(`${name}-data`, { vpcId: vpc.id, tags: tags("data") }, child);
        subnets.data.forEach(
            (s, i) => new aws.ec2.RouteTableAssociation(`${name}-data-${i}`, { subnetId: s.id, routeTableId: dataRoutes.id }, child),
        );

        this.createNetworkAcls(name, vpc, subnets, args);

        const dataCidrs = subnets.data.map((_, i) => subnetCidr(cfg.cidr, "data", i));
        this.clientSecurityGroupIds = Object.fromEntries(
            (Object.keys(dataStorePorts) as DataStore[]).map((store) => [
                store,
                new aws.ec2.SecurityGroup(
                    `${name}-${store}-clients`,
                    {
                        vpcId: vpc.id,
                        description: `${dataStoreNames[store]} clients: the pods and tasks that use it; it admits this group alone`,
                        egress: [
                            {
                                protocol: "tcp",
                                fromPort: dataStorePorts[store],
                                toPort: dataStorePorts[store],
                                cidrBlocks: dataCidrs,
                                description: `${dataStoreNames[store]} in the data subnets`,
                            },
                        ],
                        tags: tags(`${store}-clients`),
                    },
                    child,
                ).id,
            ]),
        ) as Record<DataStore, pulumi.Output<string>>;

        this.createEndpoints(name, vpc, subnets.app, [...appRoutes, dataRoutes], args);
        this.createFlowLogs(name, vpc, args);

        this.registerOutputs({
            vpcId: this.vpcId,
            subnetIds: this.subnetIds,
            natGatewayIds: this.natGatewayIds,
            clientSecurityGroupIds: this.clientSecurityGroupIds,
        });
    }

    /** The data tier talks to the app tier and nothing else; the public and app tiers stay open at L4. */
    private createNetworkAcls(name: string, vpc: aws.ec2.Vpc, subnets: Record<SubnetTier, aws.ec2.Subnet[]>, args: NetworkArgs) {
        const ctx = args.context;
        const cfg = args.config;
        const appCidrs = subnets.app.map((_, i) => subnetCidr(cfg.cidr, "app", i));
        const dataCidrs = subnets.data.map((_, i) => subnetCidr(cfg.cidr, "data", i));
        const fromApp = appCidrs.map((cidr, i) => ({
            ruleNo: 100 + i,
            action: "allow",
            protocol: "tcp",
            cidrBlock: cidr,
            fromPort: 0,
            toPort: 65535,
        }));
        const withinData = dataCidrs.map((cidr, i) => ({
            ruleNo: 200 + i,
            action: "allow",
            protocol: "-1",
            cidrBlock: cidr,
            fromPort: 0,
            toPort: 0,
        }));
        new aws.ec2.NetworkAcl(
            `${name}-data`,
            {
                vpcId: vpc.id,
                subnetIds: subnets.data.map((s) => s.id),
                ingress: [...fromApp, ...withinData],
                egress: [...fromApp, ...withinData],
                tags: ctx.tags("internal", { Name: ctx.name("data"), Tier: "data" }),
            },
            { parent: this },
        );
        const open = [{ ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }];
        for (const tier of ["public", "app"] as const) {
            new aws.ec2.NetworkAcl(
                `${name}-${tier}`,
                {
                    vpcId: vpc.id,
                    subnetIds: subnets[tier].map((s) => s.id),
                    ingress: open,
                    egress: open,
                    tags: ctx.tags("internal", { Name: ctx.name(tier), Tier: tier }),
                },
                { parent: this },
            );
        }
    }

    private createEndpoints(
        name: string,
        vpc: aws.ec2.Vpc,
        appSubnets: aws.ec2.Subnet[],
        routeTables: aws.ec2.RouteTable[],
        args: NetworkArgs,
    ) {
        const ctx = args.context;
        const cfg = args.config;
        const region = ctx.region;
        const child = { parent: this };
        if (cfg.endpoints.s3) {
            new aws.ec2.VpcEndpoint(
                `${name}-s3`,
                {
                    vpcId: vpc.id,
                    serviceName: `com.amazonaws.${region}.s3`,
                    vpcEndpointType: "Gateway",
                    routeTableIds: routeTables.map((t) => t.id),
                    policy: pulumi
                        .all([args.accountId, args.partition])
                        .apply(([accountId, partition]) => JSON.stringify(s3GatewayEndpointPolicy({ accountId, partition, region }))),
                    tags: ctx.tags("internal", { Name: ctx.name("s3") }),
                },
                child,
            );
        }
        const services = (Object.keys(interfaceEndpoints) as Array<keyof typeof interfaceEndpoints>)
            .filter((k) => cfg.endpoints[k])
            .flatMap((k) => interfaceEndpoints[k]);
        if (services.length === 0) return;
        const endpointSg = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                vpcId: vpc.id,
                description: "Interface endpoints: HTTPS from inside the VPC",
                ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [cfg.cidr], description: "HTTPS from the VPC" }],
                tags: ctx.tags("internal", { Name: ctx.name("endpoints") }),
            },
            child,
        );
        for (const service of services) {
            new aws.ec2.VpcEndpoint(
                `${name}-${service.replace(".", "-")}`,
                {
                    vpcId: vpc.id,
                    serviceName: `com.amazonaws.${region}.${service}`,
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: appSubnets.map((s) => s.id),
                    securityGroupIds: [endpointSg.id],
                    policy: pulumi.output(args.accountId).apply((accountId) => JSON.stringify(endpointPolicies[service](accountId))),
                    tags: ctx.tags("internal", { Name: ctx.name(service) }),
                },
                child,
            );
        }
    }

    private createFlowLogs(name: string, vpc: aws.ec2.Vpc, args: NetworkArgs) {
        const ctx = args.context;
        const child = { parent: this };
        const group = logGroup(
            `${name}-flow-logs`,
            {
                context: ctx,
                name: `/careplane/${ctx.name("vpc-flow-logs")}`,
                logClass: "audit",
                logsKeyArn: args.logsKeyArn,
                retentionInDays: args.config.flowLogRetentionDays,
            },
            child,
        );
        const role = new aws.iam.Role(
            `${name}-flow-logs`,
            {
                description: "VPC flow logs deliver to their log group",
                assumeRolePolicy: pulumi
                    .output(args.accountId)
                    .apply((accountId) => JSON.stringify(serviceTrustPolicy("vpc-flow-logs.amazonaws.com", accountId))),
                tags: ctx.tags("internal"),
            },
            child,
        );
        const permissions = attachPolicy(
            `${name}-flow-logs`,
            ctx,
            role,
            "VPC flow logs write to their log group only",
            group.arn.apply((groupArn) => JSON.stringify(flowLogsPolicy(groupArn))),
            child,
        );
        new aws.ec2.FlowLog(
            `${name}-flow-logs`,
            {
                vpcId: vpc.id,
                trafficType: "ALL",
                logDestinationType: "cloud-watch-logs",
                logDestination: group.arn,
                iamRoleArn: role.arn,
                maxAggregationInterval: 60,
                tags: ctx.tags("confidential"),
            },
            // Flow logs deliver with the role from the start: it must already hold its permissions.
            { parent: this, dependsOn: [permissions] },
        );
    }
}
