import { stackControl } from "../lib/control";
import { admits, EVENT_RULE, EVENT_TARGET, eventPatternOf, KMS_KEY, TOPIC, TOPIC_POLICY, whyRuleReachesNoOne } from "../lib/detection";
import { ofType, StackResource, Typed } from "../lib/stack";
import { list } from "../lib/policy-document";

const DETECTOR = "aws:guardduty/detector:Detector";
const ANALYZER = "aws:accessanalyzer/analyzer:Analyzer";

/** GuardDuty's high band starts at 7.0 [https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html]. */
const HIGH_SEVERITY = 7;

/** Whether a severity filter lets every finding of severity 7 and above through (absent: every finding). */
function admitsHighSeverity(severity: unknown): boolean {
    if (severity === undefined) return true;
    return list(severity as unknown[]).some((m: any) => {
        const numeric = m?.numeric as unknown[] | undefined;
        if (!Array.isArray(numeric) || numeric.length !== 2) return false;
        const [op, bound] = numeric as [string, number];
        return (op === ">=" && bound <= HIGH_SEVERITY) || (op === ">" && bound < HIGH_SEVERITY);
    });
}

interface Finder {
    what: string;
    source: string;
    detailType: string;
    matchesDetail: (detail: Record<string, unknown>) => boolean;
}

const guardDutyFindings: Finder = {
    what: `GuardDuty findings of severity ${HIGH_SEVERITY} and above`,
    source: "aws.guardduty",
    detailType: "GuardDuty Finding",
    matchesDetail: (detail) => admitsHighSeverity(detail.severity),
};
const externalAccessFindings: Finder = {
    what: "IAM Access Analyzer's active findings",
    source: "aws.access-analyzer",
    detailType: "Access Analyzer Finding",
    matchesDetail: (detail) => admits(detail.status, "ACTIVE"),
};

/** The rules that would catch the findings; empty when none does. */
function rulesFor(resources: StackResource[], finder: Finder): Typed<typeof EVENT_RULE>[] {
    return ofType(resources, EVENT_RULE).filter((rule) => {
        const pattern = eventPatternOf(rule);
        return (
            pattern !== undefined &&
            list(pattern.source).includes(finder.source) &&
            admits(pattern["detail-type"], finder.detailType) &&
            finder.matchesDetail(pattern.detail ?? {})
        );
    });
}

export const securityFindingsRouted = stackControl({
    name: "careplane-security-findings-routed",
    description:
        "Where a stack runs a GuardDuty detector or an IAM Access Analyzer, an enabled EventBridge rule sends their findings (GuardDuty's of severity 7 and above, every active external-access finding) to an SNS topic whose policy lets EventBridge publish for that rule and whose key lets EventBridge encrypt: a security finding pages someone [001, 004: a security breach is P1].",
    hipaa: ["164.308(a)(1)(ii)(D)", "164.308(a)(5)(ii)(B)", "164.308(a)(6)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [DETECTOR, ANALYZER, EVENT_RULE, EVENT_TARGET, TOPIC, TOPIC_POLICY, KMS_KEY],
    check: (resources, report) => {
        const sources: Array<[StackResource[], Finder]> = [
            [ofType(resources, DETECTOR), guardDutyFindings],
            [ofType(resources, ANALYZER), externalAccessFindings],
        ];
        for (const [producers, finder] of sources) {
            if (producers.length === 0) continue;
            const rules = rulesFor(resources, finder);
            const reasons = rules.map((rule) => whyRuleReachesNoOne(resources, rule));
            if (reasons.includes(undefined)) continue;
            report(producers[0], {
                problem: rules.length === 0 ? `no EventBridge rule matches ${finder.what}` : `${finder.what} reach no one: ${reasons[0]}`,
                expected:
                    "an aws.cloudwatch.EventRule matching them, with an EventTarget on the alarm topic, the topic policy allowing events.amazonaws.com to publish for the rule, and the topic key allowing it kms:GenerateDataKey* and kms:Decrypt",
            });
        }
    },
});
