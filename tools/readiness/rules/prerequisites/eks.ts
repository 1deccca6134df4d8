// What EKS requires of a cluster's network before it creates the control plane.
import { list, str } from "../../context";
import { stackRule } from "../../rule";
import { T } from "../aws";

export const clusterSubnetsInTwoZones = stackRule(
    {
        id: "prerequisites/eks-subnets-two-zones",
        family: "prerequisites",
        description: "A cluster's subnets span at least two Availability Zones",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html",
    },
    (ctx, rule) =>
        ctx.ofType(T.eks).flatMap((cluster) => {
            const ids = list<string>((cluster.inputs.vpcConfig as any)?.subnetIds);
            const subnets = ids.map((id) => ctx.resolve(cluster, id, T.subnet)).filter((s) => s !== undefined);
            if (subnets.length < ids.length) return [];
            const zones = new Set(subnets.map((s) => str(s!.inputs.availabilityZone) ?? str(s!.inputs.availabilityZoneId)));
            if (zones.size >= 2) return [];
            return [
                ctx.finding(rule, cluster, {
                    message: `EKS needs subnets in at least two Availability Zones; these are all in ${[...zones].join(", ")}`,
                    awsError: "InvalidParameterException",
                    fix: "give the cluster subnets in two or more zones",
                }),
            ];
        }),
);
