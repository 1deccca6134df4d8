import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "./context";

const NFS_PORT = 2049;
/** The UID/GID the app containers run as (workloads.ts, ecs.ts): it owns every access point's directory. */
const APP_USER = 10001;

export interface FileStorageArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    /** The network's isolated data subnets: one mount target in each. */
    subnetIds: pulumi.Input<string>[];
    /** The application tier's security group: the only source admitted on NFS. */
    appSecurityGroupId: pulumi.Input<string>;
    /** Encrypts the file system at rest. */
    dataKeyArn: pulumi.Input<string>;
}

/** Only TLS connections, and only through an access point: no client mounts the root or reads in clear. */
export function fileSystemPolicy(fileSystemArn: string) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "DenyWithoutTls",
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: "*",
                Resource: fileSystemArn,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
            {
                Sid: "DenyWithoutAccessPoint",
                Effect: "Deny",
                Principal: { AWS: "*" },
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess"],
                Resource: fileSystemArn,
                Condition: {
                    Bool: { "elasticfilesystem:AccessedViaMountTarget": "true" },
                    Null: { "elasticfilesystem:AccessPointArn": "true" },
                },
            },
        ],
    };
}

/**
 * Shared files on EFS [001]: general purpose, encrypted with the data key, backed up by AWS Backup
 * (Backup tag), a mount target in every data subnet reachable on NFS from the app tier only, and an
 * access point per configured directory owned by the app's non-root user.
 */
export class FileStorage extends pulumi.ComponentResource {
    readonly fileSystemId: pulumi.Output<string>;
    readonly fileSystemArn: pulumi.Output<string>;
    /** Access point ARNs by name: a task or pod mounts one of these, never the root. */
    readonly accessPointArns: Record<string, pulumi.Output<string>>;
    readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: FileStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:files:FileStorage", name, {}, opts);
        const ctx = args.context;
        const cfg = ctx.config.files;
        const child = { parent: this };
        const fsName = ctx.name("files");

        const fileSystem = new aws.efs.FileSystem(
            name,
            {
                creationToken: fsName,
                encrypted: true,
                kmsKeyId: args.dataKeyArn,
                performanceMode: "generalPurpose",
                throughputMode: "elastic",
                lifecyclePolicies: [
                    { transitionToIa: `AFTER_${cfg.transitionToIaDays}_DAY${cfg.transitionToIaDays === 1 ? "" : "S"}` },
                    { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
                ],
                tags: ctx.tags("phi", { Name: fsName, Backup: "true" }),
            },
            ctx.stateful(child),
        );
        this.fileSystemId = fileSystem.id;
        this.fileSystemArn = fileSystem.arn;

        new aws.efs.FileSystemPolicy(
            name,
            { fileSystemId: fileSystem.id, policy: fileSystem.arn.apply((arn) => JSON.stringify(fileSystemPolicy(arn))) },
            child,
        );

        const securityGroup = new aws.ec2.SecurityGroup(
            name,
            {
                vpcId: args.vpcId,
                description: "EFS: NFS from the application tier only",
                ingress: [
                    {
                        protocol: "tcp",
                        fromPort: NFS_PORT,
                        toPort: NFS_PORT,
                        securityGroups: [args.appSecurityGroupId],
                        description: "NFS from the application tier",
                    },
                ],
                egress: [],
                tags: ctx.tags("internal", { Name: fsName }),
            },
            child,
        );
        this.securityGroupId = securityGroup.id;

        args.subnetIds.forEach(
            (subnetId, i) =>
                new aws.efs.MountTarget(
                    `${name}-${i}`,
                    { fileSystemId: fileSystem.id, subnetId, securityGroups: [securityGroup.id] },
                    child,
                ),
        );

        this.accessPointArns = Object.fromEntries(
            cfg.accessPoints.map((ap) => [
                ap,
                new aws.efs.AccessPoint(
                    `${name}-${ap}`,
                    {
                        fileSystemId: fileSystem.id,
                        posixUser: { uid: APP_USER, gid: APP_USER },
                        rootDirectory: {
                            path: `/${ap}`,
                            creationInfo: { ownerUid: APP_USER, ownerGid: APP_USER, permissions: "0750" },
                        },
                        tags: ctx.tags("phi", { Name: `${fsName}-${ap}` }),
                    },
                    child,
                ).arn,
            ]),
        );

        this.registerOutputs({
            fileSystemId: this.fileSystemId,
            fileSystemArn: this.fileSystemArn,
            accessPointArns: this.accessPointArns,
            securityGroupId: this.securityGroupId,
        });
    }
}
