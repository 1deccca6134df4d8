import { Finding, isType, resourceControl } from "../lib/control";

const encrypted = (value: unknown) => value === true || value === "true";
const customerKey = (value: unknown) => typeof value === "string" && value.length > 0;

/** What is wrong with one volume's settings (a volume, or a launch template's mapping for one device). */
function volumeFindings(ebs: { encrypted?: unknown; kmsKeyId?: unknown }, which: string, prefix: string): Finding[] {
    if (!encrypted(ebs.encrypted)) return [{ problem: `${which} is not encrypted`, expected: `${prefix}encrypted: true` }];
    if (!customerKey(ebs.kmsKeyId))
        return [
            { problem: `${which} is encrypted with the account's default EBS key`, expected: `${prefix}kmsKeyId: a customer-managed key` },
        ];
    return [];
}

export const ec2VolumesEncrypted = resourceControl({
    name: "careplane-ec2-volumes-encrypted",
    description:
        "Every EBS volume, and every volume a launch template gives its nodes, is encrypted with a customer-managed key (node disks can hold PHI in caches, logs and swap; a customer key's policy and CloudTrail show who used it).",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:ec2/launchTemplate:LaunchTemplate", "aws:ebs/volume:Volume"],
    check: (props, subject) => {
        if (isType(subject, "aws:ebs/volume:Volume", props)) return volumeFindings(props, "the volume", "");
        const mappings = isType(subject, "aws:ec2/launchTemplate:LaunchTemplate", props) ? (props.blockDeviceMappings ?? []) : [];
        const problems: Finding[] = mappings.flatMap((m) =>
            m.ebs ? volumeFindings(m.ebs, `volume ${m.deviceName}`, "blockDeviceMappings[].ebs.") : [],
        );
        if (mappings.length === 0)
            problems.push({
                problem: "it leaves the root volume to the AMI's default (unencrypted)",
                expected: "a block device mapping with ebs.encrypted: true and a customer-managed kmsKeyId",
            });
        return problems;
    },
});
