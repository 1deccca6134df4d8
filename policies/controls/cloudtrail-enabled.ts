import { stackControl } from "../lib/control";
import { ofType } from "../lib/stack";
import { stackEnvironment } from "../lib/environment";

const TRAIL = "aws:cloudtrail/trail:Trail";

export const cloudtrailEnabled = stackControl({
    name: "careplane-cloudtrail-enabled",
    description:
        "The prod stack declares a multi-region CloudTrail trail that is logging, so every API call on PHI infrastructure is recorded.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.312(b)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [TRAIL],
    check: (resources, report) => {
        if (stackEnvironment(resources) !== "prod") return;
        const trails = ofType(resources, TRAIL).filter((t) => t.props.isMultiRegionTrail === true && t.props.enableLogging !== false);
        if (trails.length === 0) {
            report(undefined, {
                problem: "the prod stack has no logging multi-region CloudTrail trail",
                expected: "an aws.cloudtrail.Trail with isMultiRegionTrail: true",
            });
        }
    },
});
