import { stackControl } from "../lib/control";
import { ofType } from "../lib/stack";
import { stackEnvironment } from "../lib/environment";

const ANALYZER = "aws:accessanalyzer/analyzer:Analyzer";

export const accessAnalyzerEnabled = stackControl({
    name: "careplane-access-analyzer-enabled",
    description:
        "The prod stack declares an IAM Access Analyzer for its account (or organization), so any bucket, key, role, secret or topic shared outside the account raises a finding.",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [ANALYZER],
    check: (resources, report) => {
        if (stackEnvironment(resources) !== "prod") return;
        const zones = ofType(resources, ANALYZER).filter((a) => ["ACCOUNT", "ORGANIZATION"].includes(a.props.type ?? ""));
        if (zones.length === 0) {
            report(undefined, {
                problem: "the prod stack has no external-access analyzer",
                expected: 'an aws.accessanalyzer.Analyzer of type "ACCOUNT" (or "ORGANIZATION")',
            });
        }
    },
});
