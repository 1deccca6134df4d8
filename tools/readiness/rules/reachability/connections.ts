// Every provider connection the program opens during `pulumi up` must reach its endpoint from where
// CI runs: the Kubernetes provider to the EKS API, the postgresql provider to the database.
import { PlannedResource } from "../../../engine/plan";
import { clusterAdmin, list, ReadinessContext, str } from "../../context";
import { Finding, RuleInfo } from "../../finding";
import { stackRule } from "../../rule";
import { T } from "../aws";
import { covers } from "./cidr";
import { Endpoint, Network } from "./network";

interface Connection {
    provider: PlannedResource;
    what: string;
    port: number;
    /** Where the connection lands inside the VPC (absent: no private path exists). */
    targets: Endpoint[];
    /** Whether the endpoint also answers on the internet, and for which source CIDRs. */
    publicCidrs: string[] | undefined;
}

function kubernetesConnections(ctx: ReadinessContext, net: Network): Connection[] {
    return ctx.plan.resources
        .filter((p) => p.type === T.k8sProvider && p.inputs.renderYamlToDirectory === undefined)
        .flatMap((provider) => {
            const cluster = [...(provider.propertyDependencies.kubeconfig ?? []), ...provider.dependencies]
                .map((u) => ctx.index.byUrn.get(u))
                .find((r) => r?.type === T.eks);
            if (!cluster) return [];
            const vpc = (cluster.inputs.vpcConfig ?? {}) as Record<string, unknown>;
            const clusterGroup = ctx
                .ofType(T.sgIngress)
                .concat(ctx.ofType(T.sgRule))
                .filter((r) => (r.propertyDependencies.securityGroupId ?? []).includes(cluster.urn))
                .map((r) => str(r.inputs.securityGroupId))
                .filter((id): id is string => !!id);
            const groups = list(vpc.securityGroupIds)
                .map((id) => ctx.resolve(cluster, id, T.securityGroup))
                .filter((g): g is PlannedResource => !!g);
            const targets =
                vpc.endpointPrivateAccess === true
                    ? list(vpc.subnetIds)
                          .map((id) => net.subnet(cluster, id))
                          .filter((s): s is PlannedResource => !!s)
                          .map((subnet) => ({
                              subnet,
                              securityGroups: groups,
                              implicitGroups: [...new Set(clusterGroup)],
                              implicitName: `the cluster security group EKS creates, which admits only its own members${clusterGroup.length ? " and the plan's rules on it" : ""}`,
                          }))
                    : [];
            const isPublic = vpc.endpointPublicAccess !== false;
            return [
                {
                    provider,
                    what: `the EKS API of ${str(cluster.inputs.name) ?? cluster.name}`,
                    port: 443,
                    targets,
                    publicCidrs: isPublic
                        ? list<string>(vpc.publicAccessCidrs).length
                            ? list<string>(vpc.publicAccessCidrs)
                            : ["0.0.0.0/0"]
                        : undefined,
                },
            ];
        });
}

function postgresConnections(ctx: ReadinessContext, net: Network): Connection[] {
    return ctx.plan.resources
        .filter((p) => p.type === T.postgresProvider)
        .flatMap((provider) => {
            const db = ctx.referenced(provider, "host", T.rds);
            if (!db) return [];
            const group = ctx.referenced(db, "dbSubnetGroupName", "aws:rds/subnetGroup:SubnetGroup");
            const securityGroups = list(db.inputs.vpcSecurityGroupIds)
                .map((id) => ctx.resolve(db, id, T.securityGroup))
                .filter((g): g is PlannedResource => !!g);
            const subnets = list(group?.inputs.subnetIds)
                .map((id) => net.subnet(group!, id))
                .filter((s): s is PlannedResource => !!s);
            return [
                {
                    provider,
                    what: `PostgreSQL on ${str(db.inputs.identifier) ?? db.name}`,
                    port:
                        typeof provider.inputs.port === "number"
                            ? provider.inputs.port
                            : typeof db.inputs.port === "number"
                              ? db.inputs.port
                              : 5432,
                    targets: subnets.map((subnet) => ({ subnet, securityGroups })),
                    publicCidrs: db.inputs.publiclyAccessible === true ? ["0.0.0.0/0"] : undefined,
                },
            ];
        });
}

/** The runner inside the VPC: a CodeBuild project with a VPC config (subnets and security groups). */
function vpcRunners(ctx: ReadinessContext, net: Network): Array<{ project: PlannedResource; endpoints: Endpoint[] }> {
    return ctx
        .ofType(T.codebuild)
        .filter((p) => p.inputs.vpcConfig !== undefined)
        .map((project) => {
            const config = project.inputs.vpcConfig as Record<string, unknown>;
            const securityGroups = list(config.securityGroupIds)
                .map((id) => ctx.resolve(project, id, T.securityGroup))
                .filter((g): g is PlannedResource => !!g);
            const subnets = list(config.subnets)
                .map((id) => net.subnet(project, id))
                .filter((s): s is PlannedResource => !!s);
            return { project, endpoints: subnets.map((subnet) => ({ subnet, securityGroups })) };
        });
}

function fromVpc(ctx: ReadinessContext, net: Network, rule: RuleInfo, c: Connection): Finding[] {
    const runners = vpcRunners(ctx, net);
    if (runners.length === 0)
        return [
            ctx.finding(rule, c.provider, {
                message: `CI runs inside the VPC (deployment.runner vpc), but the plan creates no runner there (an aws.codebuild.Project with vpcConfig): nothing can open the connection to ${c.what}, and every object behind this provider times out`,
                awsError: "dial tcp: i/o timeout",
                fix: "create the CodeBuild-hosted GitHub Actions runner in the private app subnets with its own security group, admitted by the endpoint's security group",
            }),
        ];
    const findings: Finding[] = [];
    for (const { project, endpoints } of runners) {
        if (endpoints.length === 0) continue;
        const offline = endpoints.filter((e) => !net.reachesInternet(e.subnet));
        if (offline.length > 0)
            findings.push(
                ctx.finding(rule, project, {
                    message: `the runner's subnets ${offline.map((e) => e.subnet.name).join(", ")} have no default route through a NAT gateway: CodeBuild cannot reach GitHub to pick up jobs`,
                    awsError: "CLIENT_ERROR: RequestError: send request failed",
                    fix: "place the runner in private subnets whose route table sends 0.0.0.0/0 to a NAT gateway",
                }),
            );
        if (c.targets.length === 0) {
            const viaNat = c.publicCidrs?.includes("0.0.0.0/0");
            if (!viaNat)
                findings.push(
                    ctx.finding(rule, c.provider, {
                        message: `${c.what} has no private endpoint, and its public one ${c.publicCidrs ? `admits only ${c.publicCidrs.join(", ")}, not the NAT gateways' addresses` : "is off"}: the runner cannot connect`,
                        awsError: "dial tcp: i/o timeout",
                        fix: "enable the private endpoint (endpointPrivateAccess: true)",
                    }),
                );
            continue;
        }
        const problems = new Set<string>();
        for (const source of endpoints)
            for (const target of c.targets) {
                const why = net.blocked(source, target, c.port);
                if (why) problems.add(why);
            }
        if (problems.size > 0)
            findings.push(
                ctx.finding(rule, c.provider, {
                    message: `the runner (${project.name}) cannot open TCP ${c.port} to ${c.what}: ${[...problems].join("; ")}`,
                    awsError: "dial tcp: i/o timeout",
                    fix: `admit the runner's security group on TCP ${c.port} in the endpoint's security group, and let the network ACLs pass it and its replies`,
                }),
            );
    }
    return findings;
}

function fromInternet(ctx: ReadinessContext, rule: RuleInfo, c: Connection): Finding[] {
    if (c.publicCidrs?.some((cidr) => covers(cidr, "0.0.0.0/0"))) return [];
    return [
        ctx.finding(rule, c.provider, {
            message: c.publicCidrs
                ? `CI runs on GitHub-hosted runners, whose addresses are thousands of changing Azure ranges; ${c.what} admits only ${c.publicCidrs.join(", ")} (at most 40 CIDRs fit)`
                : `CI runs on GitHub-hosted runners on the internet, and ${c.what} has no public endpoint: every object behind this provider times out on up, preview, refresh and destroy`,
            awsError: "dial tcp: i/o timeout",
            fix: "run the jobs that reach the cluster and the database on a runner inside the VPC (deployment runner vpc), or open a restricted public endpoint to a runner with fixed egress addresses",
        }),
    ];
}

export const providerConnections = stackRule(
    {
        id: "reachability/provider-connections",
        family: "reachability",
        description:
            "Each provider connection (Kubernetes to the EKS API, postgresql to RDS) is reachable from the runner: endpoint access, route tables, network ACLs and security groups",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
    },
    (ctx, rule) => {
        const net = new Network(ctx);
        const connections = [...kubernetesConnections(ctx, net), ...postgresConnections(ctx, net)];
        return connections.flatMap((c) =>
            ctx.deployment.runner === "github-hosted" ? fromInternet(ctx, rule, c) : fromVpc(ctx, net, rule, c),
        );
    },
);

export const privateEndpointDns = stackRule(
    {
        id: "reachability/private-endpoint-dns",
        family: "reachability",
        description: "A private EKS endpoint resolves only in a VPC with DNS support and DNS hostnames enabled",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html#private-access",
    },
    (ctx, rule) =>
        ctx.ofType(T.eks).flatMap((cluster) => {
            const vpc = (cluster.inputs.vpcConfig ?? {}) as Record<string, unknown>;
            if (vpc.endpointPrivateAccess !== true) return [];
            const subnet = ctx.resolve(cluster, list(vpc.subnetIds)[0], T.subnet);
            const network = subnet ? ctx.referenced(subnet, "vpcId", T.vpc) : undefined;
            if (!network || (network.inputs.enableDnsSupport !== false && network.inputs.enableDnsHostnames === true)) return [];
            return [
                ctx.finding(rule, cluster, {
                    message: `the private endpoint's name resolves only inside a VPC with enableDnsSupport and enableDnsHostnames; ${network.name} lacks them`,
                    awsError: "no such host",
                    fix: "set enableDnsSupport and enableDnsHostnames to true on the VPC",
                }),
            ];
        }),
);

export const deployerAuthorized = stackRule(
    {
        id: "reachability/deployer-cluster-access",
        family: "reachability",
        description:
            "The identity that runs `pulumi up` is admitted by the cluster: creator admin permissions, or an access entry with AmazonEKSClusterAdminPolicy at cluster scope that the Kubernetes provider waits for",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/access-entries.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.eks).flatMap((cluster) => {
            const access = (cluster.inputs.accessConfig ?? {}) as Record<string, unknown>;
            if (access.bootstrapClusterCreatorAdminPermissions !== false) return [];
            const associations = ctx.ofType(T.accessPolicy).filter((a) => clusterAdmin(a) && ctx.graph.waitsFor(a, cluster));
            const providers = ctx.plan.resources.filter((p) => p.type === T.k8sProvider && ctx.graph.waitsFor(p, cluster));
            if (associations.length > 0 && providers.every((p) => associations.some((a) => ctx.graph.waitsFor(p, a)))) return [];
            return [
                ctx.finding(rule, cluster, {
                    message:
                        associations.length === 0
                            ? "the cluster grants its creator no admin permissions and no access entry has AmazonEKSClusterAdminPolicy at cluster scope: the deploy role is Unauthorized"
                            : "the Kubernetes provider does not wait for the access policy association: the first objects are refused as Unauthorized",
                    awsError: "Unauthorized",
                    fix: "create an aws.eks.AccessEntry and AccessPolicyAssociation (AmazonEKSClusterAdminPolicy) for the deploy role and make the Kubernetes provider depend on it",
                }),
            ];
        }),
);
