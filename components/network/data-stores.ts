import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";

/** The data stores in the isolated subnets, by the port their clients reach them on. */
export const dataStorePorts = { postgres: 5432, redis: 6379, files: 2049 } as const;
export type DataStore = keyof typeof dataStorePorts;

/** Who a data store admits: the members of these security groups, on the store's port. */
export interface AdmittedGroups {
    securityGroupIds: pulumi.Input<string>[];
    /** The ingress rule's description. */
    description: string;
}

export interface DataStoreSecurityGroupArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    store: DataStore;
    description: string;
    /** The Name tag. */
    groupName: string;
    admit: AdmittedGroups[];
}

/** A data store's security group: its port from the groups it names and nothing else, no egress (it answers, never calls). */
export function dataStoreSecurityGroup(
    name: string,
    args: DataStoreSecurityGroupArgs,
    opts: pulumi.CustomResourceOptions,
): aws.ec2.SecurityGroup {
    const port = dataStorePorts[args.store];
    return new aws.ec2.SecurityGroup(
        name,
        {
            vpcId: args.vpcId,
            description: args.description,
            ingress: args.admit.map((a) => ({
                protocol: "tcp",
                fromPort: port,
                toPort: port,
                securityGroups: a.securityGroupIds,
                description: a.description,
            })),
            egress: [],
            tags: args.context.tags("internal", { Name: args.groupName }),
        },
        opts,
    );
}
