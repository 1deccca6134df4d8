// The careplane policy pack's controls, without side effects: the pack entry (index.ts) serves
// them; the offline preview, the report and the tests read their metadata from here.
import { Control } from "./lib/control";
import { kmsKeyRotation } from "./controls/kms-key-rotation";
import { logGroupEncrypted } from "./controls/log-group-encrypted";
import { logGroupRetention } from "./controls/log-group-retention";
import { requiredTags } from "./controls/required-tags";
import { subnetNoPublicIp } from "./controls/subnet-no-public-ip";
import { vpcDefaultSecurityGroupClosed } from "./controls/vpc-default-security-group-closed";
import { vpcFlowLogs } from "./controls/vpc-flow-logs";

export const PACK_NAME = "careplane-hipaa";

export const controls: Control[] = [
    requiredTags,
    kmsKeyRotation,
    vpcFlowLogs,
    vpcDefaultSecurityGroupClosed,
    subnetNoPublicIp,
    logGroupEncrypted,
    logGroupRetention,
];

export const policies = controls.map((c) => c.policy);
