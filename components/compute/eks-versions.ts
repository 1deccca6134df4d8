// The Kubernetes versions careplane runs on EKS, as dated data: the EKS release calendar, and per
// version the add-on builds and the version-bound controller it was checked against.

/** The day this calendar was last checked against the sources below. */
export const CALENDAR_REVIEWED = "2026-12-07";

export interface EksRelease {
    /** The day Amazon EKS released the version. */
    eksRelease: string;
    /** After this day the cluster is billed for extended support, or (upgradePolicy STANDARD) upgraded by EKS. */
    endOfStandardSupport: string;
    endOfExtendedSupport: string;
    source: string;
}

/**
 * The EKS Kubernetes release calendar (14 months of standard support, then 12 of extended support).
 * Sources: the calendar in the Amazon EKS user guide,
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html (awsdocs/amazon-eks-user-guide
 * latest/ug/versioning/kubernetes-versions.adoc: 1.33, 1.34); endoflife.date/amazon-eks and DESIGN.md for 1.35. A
 * version enters here once that page lists it: it is the table the deploy-readiness analysis dates the plans with
 * (tools/readiness/rules/calendars/data.ts), and a test keeps the two equal. Its controllers must support it too
 * (external-secrets is tested on one or two Kubernetes versions). Re-check with `aws eks describe-cluster-versions`.
 */
export const eksCalendar = {
    "1.33": {
        eksRelease: "2025-05-29",
        endOfStandardSupport: "2026-07-29",
        endOfExtendedSupport: "2027-07-29",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar",
    },
    "1.34": {
        eksRelease: "2025-10-02",
        endOfStandardSupport: "2026-12-02",
        endOfExtendedSupport: "2027-12-02",
        source: "https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar",
    },
    "1.35": {
        eksRelease: "2026-01-27",
        endOfStandardSupport: "2027-03-27",
        endOfExtendedSupport: "2028-03-27",
        source: "https://endoflife.date/amazon-eks (and DESIGN.md); verify with aws eks describe-cluster-versions",
    },
} as const satisfies Record<string, EksRelease>;

export type CalendarVersion = keyof typeof eksCalendar;

/** Versions still in standard support on the review day: the only ones a stack may run. */
export const kubernetesVersions = ["1.35"] as const satisfies readonly CalendarVersion[];
export type KubernetesVersion = (typeof kubernetesVersions)[number];

/** New stacks start on the version with the longest standard support left. */
export const DEFAULT_KUBERNETES_VERSION: KubernetesVersion = "1.35";

export type AddonName = "vpc-cni" | "kube-proxy" | "coredns" | "aws-ebs-csi-driver" | "metrics-server";

export interface VersionPins {
    /** EKS managed add-ons: an upgrade is a reviewed diff, never a surprise. */
    addons: Record<AddonName, string>;
    /** Cluster Autoscaler's minor must equal the cluster's (its README's compatibility table). */
    clusterAutoscalerImage: string;
}

/**
 * Add-on builds per Kubernetes version, as `aws eks describe-addon-versions --kubernetes-version <v>` reported them
 * on clusters of that version in September 2026 (public upgrade logs recording the resolved builds: vpc-cni
 * v1.22.4-eksbuild.3 for 1.31 to 1.35, kube-proxy and coredns per version, aws-ebs-csi-driver v1.66.0-eksbuild.1,
 * metrics-server v0.9.0-eksbuild.11); the kube-proxy and CoreDNS tables of the EKS user guide (managing-kube-proxy,
 * managing-coredns) list the same minors. Cluster Autoscaler images from kubernetes/autoscaler's releases
 * (cluster-autoscaler-1.35.1). Bump with describe-addon-versions before each upgrade.
 */
export const versionPins: Record<KubernetesVersion, VersionPins> = {
    "1.35": {
        addons: {
            "vpc-cni": "v1.22.4-eksbuild.3",
            "kube-proxy": "v1.35.3-eksbuild.21",
            coredns: "v1.13.2-eksbuild.21",
            "aws-ebs-csi-driver": "v1.66.0-eksbuild.1",
            "metrics-server": "v0.9.0-eksbuild.11",
        },
        clusterAutoscalerImage: "v1.35.1",
    },
};
