import { aws, res, specControl } from "../../support/controls";
import { ACCOUNT, ORG, OTHER, PARTNER } from "../baselines/principals";

const grant = (granteePrincipal: string, extra: object = {}) =>
    res("aws:kms/grant:Grant", "backup-grant", { keyId: "k", granteePrincipal, operations: ["Decrypt"], ...extra });
const snapshot = (sharedAccounts: string[]) =>
    aws("aws:rds/clusterSnapshot:ClusterSnapshot", "db-snap", {
        dbClusterIdentifier: "db",
        dbClusterSnapshotIdentifier: "s",
        sharedAccounts,
    });
const shareConfig = { "careplane-grants-trusted-accounts": { trustedAccounts: [PARTNER], trustedOrganizations: [ORG] } };
specControl("careplane-grants-trusted-accounts", {
    passes: [
        {
            it: "a key grant to a role of the account, a snapshot shared with no one, a create-volume permission for the account",
            fixtures: [
                grant(`arn:aws:iam::${ACCOUNT}:role/backup`, { retiringPrincipal: `arn:aws:iam::${ACCOUNT}:role/backup` }),
                snapshot([]),
                res("aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", "vol", {
                    snapshotId: "snap-1",
                    accountId: ACCOUNT,
                }),
                aws("aws:s3/accessPoint:AccessPoint", "documents-ap", {
                    bucket: "b",
                    publicAccessBlockConfiguration: {
                        blockPublicAcls: true,
                        blockPublicPolicy: true,
                        ignorePublicAcls: true,
                        restrictPublicBuckets: true,
                    },
                }),
            ],
        },
        {
            it: "a snapshot shared with a trusted account, an image launchable in the trusted organization",
            config: shareConfig,
            fixtures: [
                snapshot([PARTNER]),
                res("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "ami", {
                    imageId: "ami-1",
                    organizationArn: `arn:aws:organizations::${PARTNER}:organization/${ORG}`,
                }),
            ],
        },
    ],
    fails: [
        {
            it: "a key grant to another account's role",
            fixtures: [grant(`arn:aws:iam::${OTHER}:role/intruder`)],
            message: `the key grant goes to account ${OTHER}`,
        },
        {
            it: "a key grant retirable by another account",
            fixtures: [grant(`arn:aws:iam::${ACCOUNT}:role/backup`, { retiringPrincipal: `arn:aws:iam::${OTHER}:root` })],
            message: `the key grant goes to account ${OTHER}`,
        },
        { it: "a cluster snapshot made public", fixtures: [snapshot(["all"])], message: "the snapshot is shared with everyone (all)" },
        {
            it: "a snapshot copy shared with another account",
            fixtures: [
                aws("aws:rds/snapshotCopy:SnapshotCopy", "copy", {
                    sourceDbSnapshotIdentifier: "s",
                    targetDbSnapshotIdentifier: "t",
                    sharedAccounts: [OTHER],
                }),
            ],
            message: `the snapshot is shared with account ${OTHER}`,
        },
        {
            it: "an image launchable by everyone",
            fixtures: [res("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "ami", { imageId: "ami-1", group: "all" })],
            message: "the image may be launched by everyone (all)",
        },
        {
            it: "an image launchable by another account",
            fixtures: [res("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "ami", { imageId: "ami-1", accountId: OTHER })],
            message: `the image may be launched by account ${OTHER}`,
        },
        {
            it: "an image launchable in an untrusted organization",
            fixtures: [
                res("aws:ec2/amiLaunchPermission:AmiLaunchPermission", "ami", {
                    imageId: "ami-1",
                    organizationArn: `arn:aws:organizations::${OTHER}:organization/o-zzzzzzzzzz`,
                }),
            ],
            message: "organization o-zzzzzzzzzz",
        },
        {
            it: "EBS volumes creatable from a snapshot by another account",
            fixtures: [
                res("aws:ec2/snapshotCreateVolumePermission:SnapshotCreateVolumePermission", "vol", {
                    snapshotId: "snap-1",
                    accountId: OTHER,
                }),
            ],
            message: `volumes may be created from the snapshot by account ${OTHER}`,
        },
        {
            it: "a RAM share with another account",
            fixtures: [
                res("aws:ram/principalAssociation:PrincipalAssociation", "share", {
                    resourceShareArn: "arn:aws:ram:us-east-1:123456789012:resource-share/x",
                    principal: OTHER,
                }),
            ],
            message: `the resource share includes account ${OTHER}`,
        },
        {
            it: "an access point with its public access block lifted",
            fixtures: [
                aws("aws:s3/accessPoint:AccessPoint", "documents-ap", {
                    bucket: "b",
                    publicAccessBlockConfiguration: {
                        blockPublicAcls: true,
                        blockPublicPolicy: false,
                        ignorePublicAcls: true,
                        restrictPublicBuckets: true,
                    },
                }),
            ],
            message: "the access point lifts its public access block (blockPublicPolicy false)",
        },
    ],
});
