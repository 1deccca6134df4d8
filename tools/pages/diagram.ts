// The architecture picture as data: boxes grouped into regions, VPCs, zones and clusters, and
// arrows between them. dot.ts lays it out; this file only decides what is drawn and where it belongs.

export type NodeStyle =
    | "internet"
    | "subnet-public"
    | "subnet-app"
    | "subnet-data"
    | "subnet"
    | "gateway"
    | "endpoint"
    | "entry"
    | "compute"
    | "workload"
    | "datastore"
    | "bucket"
    | "vault"
    | "backup-plan"
    | "security-group"
    | "summary";

export interface DiagramNode {
    id: string;
    title: string;
    details: string[];
    style: NodeStyle;
    /** Tiers drawn on one row across zones: public, app, data. */
    row?: "public" | "app" | "data";
}

export interface DiagramCluster {
    id: string;
    label: string;
    style: "region" | "dr-region" | "vpc" | "az" | "container" | "group";
    nodes: DiagramNode[];
    clusters: DiagramCluster[];
}

export interface DiagramEdge {
    from: string;
    to: string;
    /** The arrow starts or ends at the border of this box (a cluster) rather than at the node. */
    fromBox?: string;
    toBox?: string;
    label: string;
    style: "network" | "backup" | "replication" | "internet";
}

export interface Diagram {
    title: string;
    clusters: DiagramCluster[];
    nodes: DiagramNode[];
    edges: DiagramEdge[];
    /** Node chains that keep a zone's tiers stacked top to bottom (drawn invisibly). */
    chains: string[][];
}

export function cluster(id: string, label: string, style: DiagramCluster["style"]): DiagramCluster {
    return { id, label, style, nodes: [], clusters: [] };
}

export function allNodes(d: { nodes: DiagramNode[]; clusters: DiagramCluster[] }): DiagramNode[] {
    return [...d.nodes, ...d.clusters.flatMap(allNodes)];
}
