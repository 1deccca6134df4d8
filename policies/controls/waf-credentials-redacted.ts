import { stackControl } from "../lib/control";
import { ofType, referencing, Typed } from "../lib/stack";
import { list } from "../lib/policy-document";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";

/** The caller's credentials, which WAF sees in every request. */
const CREDENTIALS = ["authorization", "cookie"];

/** Headers the web ACL's own data protection replaces everywhere WAF outputs requests (logs and samples). */
function protectedHeaders(acl: Typed<typeof WEB_ACL>): string[] {
    return list(acl.props.dataProtectionConfig?.dataProtections)
        .filter((d) => d?.field?.fieldType === "SINGLE_HEADER")
        .flatMap((d) => (d.field.fieldKeys === undefined ? CREDENTIALS : list(d.field.fieldKeys as string[]).map((k) => k.toLowerCase())));
}

export const wafCredentialsRedacted = stackControl({
    name: "careplane-waf-credentials-redacted",
    description:
        "No WAF output keeps a caller's credentials: every web ACL keeps request sampling off (sampled requests keep every header and are readable with wafv2:GetSampledRequests, which read-only access grants) unless its data protection replaces the Authorization and Cookie headers, and its logging redacts those headers.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(d)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [WEB_ACL, LOGGING],
    check: (resources, report) => {
        for (const acl of ofType(resources, WEB_ACL)) {
            const guarded = protectedHeaders(acl);
            const unguarded = CREDENTIALS.filter((h) => !guarded.includes(h));
            if (unguarded.length === 0) continue;
            const sampling = [
                ...(acl.props.visibilityConfig?.sampledRequestsEnabled !== false ? ["the web ACL"] : []),
                ...list(acl.props.rules as any[])
                    .filter((r) => r?.visibilityConfig?.sampledRequestsEnabled !== false)
                    .map((r) => `rule ${r?.name}`),
            ];
            if (sampling.length > 0) {
                report(acl, {
                    problem: `sampled requests of ${sampling.join(", ")} keep the ${unguarded.join(" and ")} headers`,
                    expected:
                        "sampledRequestsEnabled: false on the web ACL and on every rule, or a dataProtectionConfig replacing those headers",
                });
            }
            const redacted = referencing(resources, acl, "resourceArn", LOGGING).map((l) =>
                list(l.props.redactedFields as any[])
                    .map((f) => String(f?.singleHeader?.name ?? "").toLowerCase())
                    .filter((h) => h !== ""),
            );
            const leaking = redacted.filter((fields) => unguarded.some((h) => !fields.includes(h)));
            if (leaking.length > 0) {
                report(acl, {
                    problem: `its logging keeps the ${unguarded.filter((h) => leaking.some((f) => !f.includes(h))).join(" and ")} headers`,
                    expected: "redactedFields with a singleHeader for authorization and for cookie in its logging configuration",
                });
            }
        }
    },
});
