import { aws, patch, res, specControl, without } from "../../support/controls";
import { detector, trail } from "../baselines/audit";

const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const feature = (name: string, extra: Record<string, unknown> = {}) =>
    res(FEATURE, name.toLowerCase(), { detectorId: "detector-id", name, status: "ENABLED", ...extra }, { detectorId: detector });
const runtime = (eks: boolean) =>
    feature("RUNTIME_MONITORING", {
        additionalConfigurations: [
            { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
            { name: "EKS_ADDON_MANAGEMENT", status: eks ? "ENABLED" : "DISABLED" },
        ],
    });
const bucket = aws("aws:s3/bucket:Bucket", "documents", {});
const database = aws("aws:rds/instance:Instance", "database", {});
const ecsCluster = aws("aws:ecs/cluster:Cluster", "ecs", {}, {}, "prod", "confidential");
const eksCluster = aws("aws:eks/cluster:Cluster", "eks", {}, {}, "prod", "confidential");
/** A prod ECS stack's stores and compute, with the detector and the features they need. */
const ecsStack = [trail, detector, bucket, database, ecsCluster, feature("S3_DATA_EVENTS"), feature("RDS_LOGIN_EVENTS"), runtime(false)];
const eksStack = [
    ...ecsStack.filter((f) => f.type !== FEATURE && f !== ecsCluster),
    eksCluster,
    feature("S3_DATA_EVENTS"),
    feature("RDS_LOGIN_EVENTS"),
    feature("EKS_AUDIT_LOGS"),
    runtime(true),
];
specControl("careplane-guardduty-enabled", {
    passes: [
        { it: "a prod stack with an enabled detector and nothing to watch but the account", fixtures: [trail, detector, runtime(false)] },
        { it: "a prod ECS stack: runtime monitoring managing the Fargate agent, S3 and RDS protections", fixtures: ecsStack },
        { it: "a prod EKS stack: the EKS add-on managed, and the cluster's audit logs", fixtures: eksStack },
        { it: "a test stack without one", fixtures: [aws("aws:ec2/vpc:Vpc", "vpc", {}, {}, "test")], environment: "test" },
    ],
    fails: [
        {
            it: "a prod stack without a detector",
            fixtures: [trail],
            message: "stack (pulumi:pulumi:Stack): the prod stack has no GuardDuty detector",
        },
        {
            it: "a disabled detector",
            fixtures: patch([trail, detector, runtime(false)], "detector", { enable: false }),
            message: "detector (aws:guardduty/detector:Detector): the detector is not enabled",
        },
        {
            it: "no runtime monitoring",
            fixtures: without(ecsStack, "runtime_monitoring"),
            message: "detector (aws:guardduty/detector:Detector): runtime monitoring is off",
        },
        {
            it: "runtime monitoring disabled",
            fixtures: patch(ecsStack, "runtime_monitoring", { status: "DISABLED" }),
            message: "runtime monitoring is off",
        },
        {
            it: "ECS tasks without the managed Fargate agent",
            fixtures: patch(ecsStack, "runtime_monitoring", {
                additionalConfigurations: [{ name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "DISABLED" }],
            }),
            message:
                "runtime_monitoring (aws:guardduty/detectorFeature:DetectorFeature): the stack runs ECS Fargate tasks but GuardDuty does not manage the runtime agent there",
        },
        {
            it: "an EKS cluster without the managed add-on",
            fixtures: patch(eksStack, "runtime_monitoring", runtime(false).inputs),
            message: "the stack runs an EKS cluster but GuardDuty does not manage the runtime agent there",
        },
        {
            it: "S3 buckets without S3 data events",
            fixtures: without(ecsStack, "s3_data_events"),
            message: "the stack runs S3 buckets but S3_DATA_EVENTS is not enabled",
        },
        {
            it: "a database without RDS login events",
            fixtures: patch(ecsStack, "rds_login_events", { status: "DISABLED" }),
            message: "the stack runs RDS databases but RDS_LOGIN_EVENTS is not enabled",
        },
        {
            it: "an EKS cluster without its audit logs watched",
            fixtures: without(eksStack, "eks_audit_logs"),
            message: "the stack runs an EKS cluster but EKS_AUDIT_LOGS is not enabled",
        },
    ],
});
