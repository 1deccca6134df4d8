import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { PlatformContext } from "../context";
import { APP_USER } from "../conventions";
import { dataStoreSecurityGroup } from "../network/data-stores";
import { FilesConfig } from "../config/schema/files";

/** The UID/GID the app containers run as (workloads.ts, ecs.ts): it owns every access point's directory. */

export interface FileStorageArgs {
    context: PlatformContext;
    vpcId: pulumi.Input<string>;
    /** The network's isolated data subnets: one mount target in each. */
    subnetIds: pulumi.Input<string>[];
    /** The group its clients carry (network.ts: pods and tasks that list the store, its exporters): the only source admitted. */
    clientSecurityGroupId: pulumi.Input<string>;
    /** Encrypts the file system at rest. */
    dataKeyArn: pulumi.Input<string>;
    /**
     * The compute platform's task roles mount the file system (ECS): that component writes the file
     * system policy once the roles exist (fileSystemPolicyFor). Otherwise this one writes it, with no
     * client granted.
     */
    policyWrittenByClients: boolean;
    /** Access points and the infrequent-access transition (`careplane:files`). */
    config: FilesConfig;
}

/** A file-system client: one workload's role and the access points it mounts, read-write. */
export interface FileClient {
    /** Names the client's statement in the file system policy (a service name). */
    name: string;
    roleArn: pulumi.Input<string>;
    accessPointArns: pulumi.Input<string>[];
}

/**
 * Only TLS connections, and only through an access point: no client mounts the root or reads in
 * clear. Each client's role may mount and write its own access points and no others; nobody gets
 * root access.
 */
export function fileSystemPolicy(fileSystemArn: string, clients: Array<{ name: string; roleArn: string; accessPointArns: string[] }> = []) {
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
            ...clients.map((c) => ({
                Sid: `Mount${c.name.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase())}`,
                Effect: "Allow",
                Principal: { AWS: c.roleArn },
                Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
                Resource: fileSystemArn,
                Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": c.accessPointArns } },
            })),
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
    /** Access points by name: a task mounts one of these, never the root. */
    readonly accessPoints: Record<string, { id: pulumi.Output<string>; arn: pulumi.Output<string> }>;
    readonly securityGroupId: pulumi.Output<string>;
    /** Tasks that mount the file system start once these exist. */
    readonly mountTargets: aws.efs.MountTarget[];
    /** The file system policy's resource name, whichever component writes it. */
    readonly policyName: string;

    constructor(name: string, args: FileStorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:files:FileStorage", name, {}, opts);
        this.policyName = name;
        const ctx = args.context;
        const cfg = args.config;
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

        const securityGroup = dataStoreSecurityGroup(
            name,
            {
                context: ctx,
                vpcId: args.vpcId,
                store: "files",
                description: "EFS: NFS from the application tier only",
                groupName: fsName,
                admit: [{ securityGroupIds: [args.clientSecurityGroupId], description: "NFS from the file-system clients group" }],
            },
            child,
        );
        this.securityGroupId = securityGroup.id;

        this.mountTargets = args.subnetIds.map(
            (subnetId, i) =>
                new aws.efs.MountTarget(
                    `${name}-${i}`,
                    { fileSystemId: fileSystem.id, subnetId, securityGroups: [securityGroup.id] },
                    child,
                ),
        );

        this.accessPoints = Object.fromEntries(
            cfg.accessPoints.map((ap) => {
                const accessPoint = new aws.efs.AccessPoint(
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
                );
                return [ap, { id: accessPoint.id, arn: accessPoint.arn }];
            }),
        );

        if (!args.policyWrittenByClients) fileSystemPolicyFor(this.policyName, this, [], child);

        this.registerOutputs({
            fileSystemId: this.fileSystemId,
            fileSystemArn: this.fileSystemArn,
            securityGroupId: this.securityGroupId,
        });
    }
}

/** The file system policy (fileSystemPolicy above) as a resource, granting these clients their mounts. */
export function fileSystemPolicyFor(
    name: string,
    files: { fileSystemId: pulumi.Input<string>; fileSystemArn: pulumi.Input<string> },
    clients: FileClient[],
    opts: pulumi.CustomResourceOptions,
): aws.efs.FileSystemPolicy {
    const resolved = pulumi.all(
        clients.map((c) =>
            pulumi
                .all([c.roleArn, pulumi.all(c.accessPointArns)])
                .apply(([roleArn, accessPointArns]) => ({ name: c.name, roleArn, accessPointArns })),
        ),
    );
    return new aws.efs.FileSystemPolicy(
        name,
        {
            fileSystemId: files.fileSystemId,
            policy: pulumi.all([files.fileSystemArn, resolved]).apply(([arn, granted]) => JSON.stringify(fileSystemPolicy(arn, granted))),
        },
        opts,
    );
}
