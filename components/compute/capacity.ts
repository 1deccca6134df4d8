// Does the node group hold every pod at its autoscaling maximum? The sum of requests of the services at
// their HPA maximum, the controllers, the monitoring stack and exporters, and the per-node DaemonSets
// must fit the node group's maximum allocatable capacity; so must the pods per node and, for pods with
// their own security groups, the branch interfaces. Every figure comes from the code that sets it.

import { ServicesConfig } from "../config/schema/services";
import { exporterSize } from "../monitoring/exporters";
import { monitoringFootprints, nodeExporterSize } from "../monitoring/kube-prometheus-stack";
import { ContainerSize, ControllerFootprint, controllerFootprints } from "./cluster-controllers";
import { dataStoresOf } from "./data-clients";
import { ingressPath } from "./routing";
import { allocatable, nodeInstanceTypes } from "./instance-types";
import { tlsSidecarSize } from "./tls-sidecar";

/** Parses the CPU and memory quantities the service schema accepts (250m, 1, 512Mi, 1Gi). */
export function cpuMillis(q: string): number {
    return q.endsWith("m") ? Number(q.slice(0, -1)) : Math.round(Number(q) * 1000);
}
export function memoryMiB(q: string): number {
    return q.endsWith("Gi") ? Number(q.slice(0, -2)) * 1024 : Number(q.slice(0, -2));
}

/**
 * EKS add-ons' pods as their manifests request them: CoreDNS 2 × 100m / 70Mi (its Deployment), metrics-server
 * 2 × 100m / 200Mi, the EBS CSI controller 2 × six 10m / 40Mi containers; per node the VPC CNI (aws-node with its
 * network policy agent, 25m each), kube-proxy 100m, the EBS CSI node plugin (three 10m / 40Mi containers).
 */
const addonPods: Record<string, ControllerFootprint> = {
    coredns: { replicas: 2, containers: [{ cpuMillis: 100, memoryMiB: 70 }] },
    metricsServer: { replicas: 2, containers: [{ cpuMillis: 100, memoryMiB: 200 }] },
    ebsCsiController: { replicas: 2, containers: Array(6).fill({ cpuMillis: 10, memoryMiB: 40 }) },
};
const perNode: ContainerSize[] = [
    { cpuMillis: 25, memoryMiB: 0 },
    { cpuMillis: 25, memoryMiB: 0 },
    { cpuMillis: 100, memoryMiB: 0 },
    ...Array(3).fill({ cpuMillis: 10, memoryMiB: 40 }),
    nodeExporterSize,
];
const DAEMONSET_PODS_PER_NODE = 4;

export interface CapacityInput {
    services: ServicesConfig;
    nodes: { instanceType: string; count: number; maxCount?: number };
    multiAz: boolean;
    grafana: boolean;
    /** postgres_exporter releases (the primary, each replica, the analytics database) and redis_exporter's one. */
    postgresExporters: number;
}

export interface Demand {
    cpuMillis: number;
    memoryMiB: number;
    pods: number;
    /** Pods with their own security groups (data-store clients and their exporters): one branch interface each. */
    branchInterfaces: number;
}

const sum = (containers: ContainerSize[]) =>
    containers.reduce((t, c) => ({ cpuMillis: t.cpuMillis + c.cpuMillis, memoryMiB: t.memoryMiB + c.memoryMiB }), {
        cpuMillis: 0,
        memoryMiB: 0,
    });

/** The most nodes the group may scale to, as the node group is built. */
export function maxNodes(nodes: CapacityInput["nodes"]): number {
    return nodes.maxCount ?? nodes.count * 2;
}

/** What the cluster asks for with every service at its HPA maximum, besides the per-node DaemonSets. */
export function demandAtMaximum(p: CapacityInput): Demand {
    const demand: Demand = { cpuMillis: 0, memoryMiB: 0, pods: 0, branchInterfaces: 0 };
    const add = (replicas: number, containers: ContainerSize[], ownGroups = false) => {
        const pod = sum(containers);
        demand.cpuMillis += replicas * pod.cpuMillis;
        demand.memoryMiB += replicas * pod.memoryMiB;
        demand.pods += replicas;
        if (ownGroups) demand.branchInterfaces += replicas;
    };
    for (const [name, svc] of Object.entries(p.services)) {
        const app = { cpuMillis: cpuMillis(svc.resources.requests.cpu), memoryMiB: memoryMiB(svc.resources.requests.memory) };
        const containers = ingressPath(name, svc) === undefined ? [app] : [app, tlsSidecarSize];
        add(svc.replicas.max, containers, dataStoresOf(svc).length > 0);
    }
    const system = {
        ...controllerFootprints(p.multiAz),
        ...monitoringFootprints({ replicas: p.multiAz ? 2 : 1, grafana: p.grafana }),
        ...addonPods,
    };
    for (const f of Object.values(system)) add(f.replicas, f.containers);
    add(p.postgresExporters, [exporterSize], true);
    add(1, [exporterSize], true);
    add(1, [exporterSize]);
    return demand;
}

/** What `nodes` of a type leave for pods after the per-node DaemonSets. */
export function supplyAt(instanceType: string, nodes: number): Demand {
    const type = nodeInstanceTypes[instanceType];
    const node = allocatable(type);
    const daemons = sum(perNode);
    return {
        cpuMillis: nodes * (node.cpuMillis - daemons.cpuMillis),
        memoryMiB: nodes * (node.memoryMiB - daemons.memoryMiB),
        pods: nodes * (type.maxPods - DAEMONSET_PODS_PER_NODE),
        branchInterfaces: nodes * type.branchInterfaces,
    };
}

/** The first resource the demand exceeds at the node group's maximum, as a sentence; undefined when all fit. */
export function capacityShortfall(p: CapacityInput): string | undefined {
    const demand = demandAtMaximum(p);
    const nodes = maxNodes(p.nodes);
    const supply = supplyAt(p.nodes.instanceType, nodes);
    const at = `${nodes} × ${p.nodes.instanceType}`;
    const vcpu = (m: number) => (m / 1000).toFixed(1);
    const gib = (m: number) => (m / 1024).toFixed(1);
    if (demand.cpuMillis > supply.cpuMillis)
        return `at their HPA maximum the pods request ${vcpu(demand.cpuMillis)} vCPU and ${at} (the node group's maximum) allocate ${vcpu(supply.cpuMillis)}`;
    if (demand.memoryMiB > supply.memoryMiB)
        return `at their HPA maximum the pods request ${gib(demand.memoryMiB)} GiB and ${at} (the node group's maximum) allocate ${gib(supply.memoryMiB)}`;
    if (demand.pods > supply.pods) return `at their HPA maximum ${demand.pods} pods run and ${at} hold ${supply.pods}`;
    if (demand.branchInterfaces > supply.branchInterfaces)
        return `at their HPA maximum ${demand.branchInterfaces} pods need their own security groups and ${at} have ${supply.branchInterfaces} branch interfaces`;
    return undefined;
}

/**
 * A pilot light's node count while its services are at 0 replicas: the fewest nodes (at least one per AZ the
 * profile spreads over, never more than configured) whose allocatable capacity holds the controllers, the
 * monitoring stack and the exporters, measured as capacityShortfall measures the maximum. The node group's maximum
 * stays the configured one: the runbook raises the group to the configured count before it scales the services up.
 */
export function standbyNodes(p: CapacityInput, zones: number): number {
    const idle = Object.fromEntries(
        Object.entries(p.services).map(([name, svc]) => [name, { ...svc, replicas: { ...svc.replicas, max: 0 } }]),
    );
    const demand = demandAtMaximum({ ...p, services: idle });
    const fits = (n: number) => {
        const supply = supplyAt(p.nodes.instanceType, n);
        return (
            demand.cpuMillis <= supply.cpuMillis &&
            demand.memoryMiB <= supply.memoryMiB &&
            demand.pods <= supply.pods &&
            demand.branchInterfaces <= supply.branchInterfaces
        );
    };
    let n = Math.min(p.multiAz ? zones : 1, p.nodes.count);
    while (n < p.nodes.count && !fits(n)) n++;
    return n;
}
