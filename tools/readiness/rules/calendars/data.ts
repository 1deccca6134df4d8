// Dated support tables, each with the page it was read from. Dates are the last day of support.
// Read on 2026-12-07; refresh them from their sources when a version or chart pin changes.

export interface Window {
    version: string;
    /** Last day of standard support; undefined when no end has been announced. */
    standardEnd?: string;
    /** Last day of extended (paid) support, where the vendor offers one. */
    extendedEnd?: string;
}

export interface Calendar {
    subject: string;
    source: string;
    windows: Window[];
}

/** 14 months of standard support and 12 of extended from each EKS release. */
export const EKS: Calendar = {
    subject: "EKS Kubernetes",
    source: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html",
    windows: [
        { version: "1.28", standardEnd: "2024-11-26", extendedEnd: "2025-11-26" },
        { version: "1.29", standardEnd: "2025-03-23", extendedEnd: "2026-03-23" },
        { version: "1.30", standardEnd: "2025-07-23", extendedEnd: "2026-07-23" },
        { version: "1.31", standardEnd: "2025-11-26", extendedEnd: "2026-11-26" },
        { version: "1.32", standardEnd: "2026-03-23", extendedEnd: "2027-03-23" },
        { version: "1.33", standardEnd: "2026-07-29", extendedEnd: "2027-07-29" },
        { version: "1.34", standardEnd: "2026-12-02", extendedEnd: "2027-12-02" },
        { version: "1.35", standardEnd: "2027-03-27", extendedEnd: "2028-03-27" },
    ],
};

/** RDS for PostgreSQL major versions (standard support; RDS Extended Support adds up to three paid years). */
export const RDS_POSTGRES: Calendar = {
    subject: "RDS for PostgreSQL",
    source: "https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html",
    windows: [
        { version: "12", standardEnd: "2025-02-28", extendedEnd: "2028-02-29" },
        { version: "13", standardEnd: "2026-02-28", extendedEnd: "2029-02-28" },
        { version: "14", standardEnd: "2027-02-28", extendedEnd: "2030-02-28" },
        { version: "15", standardEnd: "2028-02-29", extendedEnd: "2031-02-28" },
        { version: "16", standardEnd: "2029-02-28", extendedEnd: "2032-02-29" },
        { version: "17", standardEnd: "2030-02-28", extendedEnd: "2033-02-28" },
    ],
};

/** ElastiCache for Redis OSS major versions: 4 and 5 left standard support; 6 and 7 have no announced end. */
export const ELASTICACHE_REDIS: Calendar = {
    subject: "ElastiCache for Redis OSS",
    source: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html",
    windows: [
        { version: "4", standardEnd: "2026-01-31", extendedEnd: "2029-01-31" },
        { version: "5", standardEnd: "2026-01-31", extendedEnd: "2029-01-31" },
        { version: "6" },
        { version: "7" },
    ],
};

/** EKS add-on version series and the Kubernetes versions EKS offers each on (kube-proxy follows the cluster's minor version). */
export const ADDONS: { source: string; series: Record<string, Record<string, string[]>> } = {
    source: "https://docs.aws.amazon.com/eks/latest/userguide/managing-coredns.html",
    series: {
        coredns: {
            "v1.10": ["1.25", "1.26", "1.27", "1.28"],
            "v1.11": ["1.29", "1.30", "1.31", "1.32"],
            "v1.12": ["1.33", "1.34"],
            "v1.13": ["1.35"],
        },
        "vpc-cni": {
            "v1.18": ["1.23", "1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30"],
            "v1.19": ["1.24", "1.25", "1.26", "1.27", "1.28", "1.29", "1.30", "1.31", "1.32"],
            "v1.20": ["1.27", "1.28", "1.29", "1.30", "1.31", "1.32", "1.33"],
            // Read from describe-addon-versions output recorded on 1.31 to 1.35 clusters (components/compute/eks-versions.ts).
            "v1.22": ["1.31", "1.32", "1.33", "1.34", "1.35"],
        },
    },
};

/** Helm charts with a published support calendar: external-secrets supports only its newest minor, each tested on one or two Kubernetes versions. */
export const CHARTS: Record<string, { source: string; windows: Array<Window & { kubernetes: string[] }> }> = {
    "external-secrets": {
        source: "https://external-secrets.io/latest/introduction/stability-support/",
        windows: [
            { version: "0.17", standardEnd: "2025-07-17", kubernetes: ["1.33"] },
            { version: "0.18", standardEnd: "2025-08-02", kubernetes: ["1.33"] },
            { version: "0.19", standardEnd: "2025-09-22", kubernetes: ["1.33"] },
            { version: "0.20", standardEnd: "2025-11-07", kubernetes: ["1.34"] },
            { version: "1.0", standardEnd: "2025-11-21", kubernetes: ["1.34"] },
            { version: "1.1", standardEnd: "2025-12-19", kubernetes: ["1.34"] },
            { version: "1.2", standardEnd: "2026-01-23", kubernetes: ["1.34"] },
            { version: "1.3", standardEnd: "2026-02-06", kubernetes: ["1.34"] },
            { version: "2.0", standardEnd: "2026-03-06", kubernetes: ["1.34", "1.35"] },
            { version: "2.1", standardEnd: "2026-03-20", kubernetes: ["1.34", "1.35"] },
            { version: "2.2", standardEnd: "2026-04-10", kubernetes: ["1.34", "1.35"] },
            { version: "2.3", standardEnd: "2026-04-24", kubernetes: ["1.34", "1.35"] },
            { version: "2.4", standardEnd: "2026-05-15", kubernetes: ["1.34", "1.35"] },
            { version: "2.5", standardEnd: "2026-06-05", kubernetes: ["1.34", "1.35"] },
            { version: "2.6", standardEnd: "2026-06-26", kubernetes: ["1.34", "1.35"] },
            { version: "2.7", kubernetes: ["1.35"] },
        ],
    },
};
