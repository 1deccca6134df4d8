import { stackControl } from "../lib/control";
import { ofType, stackEnvironment } from "../lib/stack";

const DETECTOR = "aws:guardduty/detector:Detector";

export const guarddutyEnabled = stackControl({
    name: "careplane-guardduty-enabled",
    description:
        "The prod stack declares an enabled GuardDuty detector, so credential misuse and unusual access to PHI stores raise findings.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [DETECTOR],
    check: (resources, report) => {
        if (stackEnvironment(resources) !== "prod") return;
        const detectors = ofType(resources, DETECTOR);
        if (detectors.length === 0) {
            report(undefined, {
                problem: "the prod stack has no GuardDuty detector",
                expected: "an aws.guardduty.Detector with enable: true",
            });
        }
        for (const d of detectors) {
            if (d.props.enable !== true) report(d, { problem: "the detector is not enabled", expected: "enable: true" });
        }
    },
});
