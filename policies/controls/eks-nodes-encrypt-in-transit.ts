import { resourceControl } from "../lib/control";

/**
 * Families whose instances encrypt traffic between each other on the Nitro card (EC2 user guide, "Encryption in
 * transit", data-protection.html#encryption-transit). Pods talk to each other, to the kubelet and to Prometheus in
 * plain HTTP inside the cluster; this is what encrypts that traffic.
 */
const ENCRYPTING_FAMILIES = new Set([
    "c5a",
    "c5ad",
    "c5n",
    "c6a",
    "c6gn",
    "c6i",
    "c6id",
    "c6in",
    "c7a",
    "c7g",
    "c7gd",
    "c7gn",
    "c7i",
    "m5dn",
    "m5n",
    "m5zn",
    "m6a",
    "m6i",
    "m6id",
    "m6idn",
    "m6in",
    "m7a",
    "m7g",
    "m7gd",
    "m7i",
    "r5dn",
    "r5n",
    "r6a",
    "r6i",
    "r6id",
    "r6idn",
    "r6in",
    "r7a",
    "r7g",
    "r7gd",
    "r7i",
    "r7iz",
]);

export const eksNodesEncryptInTransit = resourceControl({
    name: "careplane-eks-nodes-encrypt-in-transit",
    description:
        "EKS node groups run only instance types that encrypt traffic between instances automatically (Nitro), so pod-to-pod traffic inside the VPC is encrypted even where the applications speak plain HTTP.",
    hipaa: ["164.312(e)(1)", "164.312(e)(2)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:eks/nodeGroup:NodeGroup"],
    check: (props) => {
        const types: string[] = props.instanceTypes ?? [];
        if (types.length === 0)
            return {
                problem: "it names no instance type (EKS would pick t3.medium, which does not encrypt traffic)",
                expected: "instanceTypes of encrypting families such as m6i.large",
            };
        const plain = types.filter((t) => !ENCRYPTING_FAMILIES.has(t.split(".")[0]));
        if (plain.length === 0) return undefined;
        return {
            problem: `${plain.join(", ")} do not encrypt traffic between instances`,
            expected: "instance types of a family that does, such as m6i, c6i, r6i or m7i",
        };
    },
});
