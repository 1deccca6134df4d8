import { Finding, resourceControl } from "../lib/control";

const encrypted = (value: unknown) => value === true || value === "true";

export const ec2VolumesEncrypted = resourceControl({
    name: "careplane-ec2-volumes-encrypted",
    description:
        "Every EBS volume, and every volume a launch template gives its nodes, is encrypted (node disks can hold PHI in caches, logs and swap).",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ebs/volume:Volume"],
    check: (props, subject) => {
        if (subject.type === "aws:ebs/volume:Volume") {
            return encrypted(props.encrypted) ? undefined : { problem: "the volume is not encrypted", expected: "encrypted: true" };
        }
        const mappings: any[] = props.blockDeviceMappings ?? [];
        const problems: Finding[] = mappings
            .filter((m) => m.ebs && !encrypted(m.ebs.encrypted))
            .map((m) => ({ problem: `volume ${m.deviceName} is not encrypted`, expected: "blockDeviceMappings[].ebs.encrypted: true" }));
        if (mappings.length === 0)
            problems.push({
                problem: "it leaves the root volume to the AMI's default (unencrypted)",
                expected: "a block device mapping with ebs.encrypted: true",
            });
        return problems;
    },
});
