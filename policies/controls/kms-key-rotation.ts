import { resourceControl } from "../lib/control";

export const kmsKeyRotation = resourceControl({
    name: "careplane-kms-key-rotation",
    description: "Symmetric customer-managed KMS keys rotate their key material automatically.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:kms/key:Key"],
    check: (props) => {
        const symmetric = (props.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT";
        if (symmetric && props.enableKeyRotation !== true) {
            return { problem: "automatic key rotation is off", expected: "enableKeyRotation: true" };
        }
        if (props.rotationPeriodInDays !== undefined && props.rotationPeriodInDays > 365) {
            return {
                problem: `key rotates every ${props.rotationPeriodInDays} days`,
                expected: "rotation at least yearly (365 days or fewer)",
            };
        }
        return undefined;
    },
});
