// The EC2 instance types EKS nodes may run on, with the figures the capacity check needs. Each one
// is a Nitro type that (1) takes security groups for pods (a trunk interface with branch interfaces)
// and (2) encrypts traffic to other such instances in the VPC on the Nitro card.
//
// Sources:
// - vCPUs and memory: the EC2 instance type pages (m6i, c6i, r6i, m7i).
// - maxPods: aws/amazon-vpc-cni-k8s misc/eni-max-pods.txt (ENIs × (IPs per ENI − 1) + 2).
// - branchInterfaces (pods with their own security groups per node): aws/amazon-vpc-resource-controller-k8s
//   pkg/aws/vpc/limits.go, where every type below is IsTrunkingCompatible: true and no t-family type is.
// - In-transit encryption: the EC2 user guide, "Encryption in transit" (data-protection.html#encryption-transit),
//   which lists M6i, C6i, R6i and M7i among the types that encrypt traffic between instances in the same VPC.

export interface InstanceType {
    vcpus: number;
    memoryMiB: number;
    maxPods: number;
    branchInterfaces: number;
}

const family = (vcpus: number[], memoryGiB: number[]) =>
    Object.fromEntries(
        ["large", "xlarge", "2xlarge"].map((size, i) => [
            size,
            { vcpus: vcpus[i], memoryMiB: memoryGiB[i] * 1024, maxPods: [29, 58, 58][i], branchInterfaces: [9, 18, 38][i] },
        ]),
    ) as Record<"large" | "xlarge" | "2xlarge", InstanceType>;

const families = {
    m6i: family([2, 4, 8], [8, 16, 32]),
    c6i: family([2, 4, 8], [4, 8, 16]),
    r6i: family([2, 4, 8], [16, 32, 64]),
    m7i: family([2, 4, 8], [8, 16, 32]),
};

/** Node instance types by name (`m6i.large`, …). */
export const nodeInstanceTypes: Record<string, InstanceType> = Object.fromEntries(
    Object.entries(families).flatMap(([name, sizes]) => Object.entries(sizes).map(([size, spec]) => [`${name}.${size}`, spec])),
);

/**
 * What the kubelet leaves for pods on one node, in millicores and MiB. CPU: the EKS AMI's kube-reserved (6 % of the
 * first core, 1 % of the second, 0.5 % of the next two, 0.25 % of the rest; amazon-eks-ami nodeadm). Memory: 7.5 %
 * of the nominal size the hypervisor and kernel keep (Karpenter's VM_MEMORY_OVERHEAD_PERCENT default), then
 * kube-reserved 255 MiB + 11 MiB per pod and the 100 MiB hard eviction threshold.
 */
export function allocatable(type: InstanceType): { cpuMillis: number; memoryMiB: number } {
    const cores = type.vcpus;
    const reservedCpu = 60 + (cores > 1 ? 10 : 0) + Math.min(Math.max(cores - 2, 0), 2) * 5 + Math.max(cores - 4, 0) * 2.5;
    const visibleMemory = Math.floor(type.memoryMiB * (1 - 0.075));
    return {
        cpuMillis: cores * 1000 - reservedCpu,
        memoryMiB: visibleMemory - (255 + 11 * type.maxPods) - 100,
    };
}
