import { aws, patch, specControl } from "../../support/controls";

const dataKeyArn = "arn:aws:kms:us-east-1:123456789012:key/data";
const lt = aws("aws:ec2/launchTemplate:LaunchTemplate", "nodes", {
    metadataOptions: { httpTokens: "required" },
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: dataKeyArn, volumeSize: 50, volumeType: "gp3" } }],
});
specControl("careplane-ec2-volumes-encrypted", {
    passes: [
        { it: "a launch template with a root volume encrypted with a customer key", fixtures: [lt] },
        {
            it: "an EBS volume encrypted with a customer key",
            fixtures: [aws("aws:ebs/volume:Volume", "data", { encrypted: true, kmsKeyId: dataKeyArn, size: 10 })],
        },
    ],
    fails: [
        {
            it: "an unencrypted root volume",
            fixtures: patch([lt], "nodes", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false" } }] }),
            message: "nodes (aws:ec2/launchTemplate:LaunchTemplate): volume /dev/xvda is not encrypted",
        },
        {
            it: "no block device mapping",
            fixtures: patch([lt], "nodes", { blockDeviceMappings: undefined }),
            message: "it leaves the root volume to the AMI's default",
        },
        {
            it: "a root volume encrypted with the account's default EBS key",
            fixtures: patch([lt], "nodes", { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] }),
            message: "nodes (aws:ec2/launchTemplate:LaunchTemplate): volume /dev/xvda is encrypted with the account's default EBS key",
        },
        {
            it: "an unencrypted EBS volume",
            fixtures: [aws("aws:ebs/volume:Volume", "data", { size: 10 })],
            message: "data (aws:ebs/volume:Volume): the volume is not encrypted",
        },
        {
            it: "an EBS volume encrypted with the account's default EBS key",
            fixtures: [aws("aws:ebs/volume:Volume", "data", { encrypted: true, size: 10 })],
            message: "data (aws:ebs/volume:Volume): the volume is encrypted with the account's default EBS key",
        },
    ],
});
