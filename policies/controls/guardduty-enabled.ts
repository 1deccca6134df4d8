import { ResourceType } from "../lib/resource-types";
import { stackControl } from "../lib/control";
import { list } from "../lib/policy-document";
import { ofType, referencing, Typed } from "../lib/stack";
import { stackEnvironment } from "../lib/environment";

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";

/** What the stack runs → the detector feature that watches it. */
const watched: Array<{ feature: string; when: ResourceType[]; what: string }> = [
    { feature: "S3_DATA_EVENTS", when: ["aws:s3/bucket:Bucket"], what: "S3 buckets" },
    { feature: "RDS_LOGIN_EVENTS", when: ["aws:rds/instance:Instance", "aws:rds/cluster:Cluster"], what: "RDS databases" },
    { feature: "EKS_AUDIT_LOGS", when: ["aws:eks/cluster:Cluster"], what: "an EKS cluster" },
];
/** Compute → the agent GuardDuty must manage for runtime monitoring to see inside it. */
const agents: Array<{ configuration: string; when: ResourceType; what: string }> = [
    { configuration: "ECS_FARGATE_AGENT_MANAGEMENT", when: "aws:ecs/cluster:Cluster", what: "ECS Fargate tasks" },
    { configuration: "EKS_ADDON_MANAGEMENT", when: "aws:eks/cluster:Cluster", what: "an EKS cluster" },
];

export const guarddutyEnabled = stackControl({
    name: "careplane-guardduty-enabled",
    description:
        "The prod stack declares an enabled GuardDuty detector with runtime monitoring, GuardDuty managing its agent in the ECS Fargate tasks and EKS clusters the stack runs, and the protections for its stores (S3 data events, RDS login events, EKS audit logs), so credential misuse, malware and unusual access to PHI stores raise findings.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.308(a)(5)(ii)(B)", "164.308(a)(6)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [DETECTOR, FEATURE],
    check: (resources, report) => {
        if (stackEnvironment(resources) !== "prod") return;
        const detectors = ofType(resources, DETECTOR);
        if (detectors.length === 0) {
            report(undefined, {
                problem: "the prod stack has no GuardDuty detector",
                expected: "an aws.guardduty.Detector with enable: true",
            });
        }
        const runs = (...types: readonly ResourceType[]) => ofType(resources, ...types).length > 0;
        for (const d of detectors) {
            if (d.props.enable !== true) report(d, { problem: "the detector is not enabled", expected: "enable: true" });
            const features = new Map(referencing(resources, d, "detectorId", FEATURE).map((f) => [f.props.name, f]));
            const enabled = (name: string): Typed<typeof FEATURE> | undefined =>
                features.get(name)?.props.status === "ENABLED" ? features.get(name) : undefined;

            const runtime = enabled("RUNTIME_MONITORING");
            if (!runtime) {
                report(d, {
                    problem: "runtime monitoring is off",
                    expected: "an aws.guardduty.DetectorFeature RUNTIME_MONITORING with status ENABLED on this detector",
                });
            }
            for (const w of watched) {
                if (runs(...w.when) && !enabled(w.feature)) {
                    report(d, {
                        problem: `the stack runs ${w.what} but ${w.feature} is not enabled`,
                        expected: `an aws.guardduty.DetectorFeature ${w.feature} with status ENABLED on this detector`,
                    });
                }
            }
            if (!runtime) continue;
            const managed = new Set(
                list(runtime.props.additionalConfigurations as Array<{ name: string; status: string }> | undefined)
                    .filter((c) => c.status === "ENABLED")
                    .map((c) => c.name),
            );
            for (const a of agents) {
                if (runs(a.when) && !managed.has(a.configuration)) {
                    report(runtime, {
                        problem: `the stack runs ${a.what} but GuardDuty does not manage the runtime agent there`,
                        expected: `additionalConfigurations ${a.configuration} with status ENABLED`,
                    });
                }
            }
        }
    },
});
