// An explicit AWS provider (another region's: the DR region, CloudFront's us-east-1) does not inherit the
// stack's aws:allowedAccountIds: only the default provider takes its settings from the stack's `aws:*`
// config, an explicit one only the arguments it is given (https://www.pulumi.com/docs/iac/concepts/resources/providers/,
// "Default provider configuration").
// Unpinned, it deploys into whatever account the credentials at hand belong to.
import { stackControl } from "../lib/control";
import { AWS_PROVIDER, awsProviders, isDefaultProvider, pinnedAccounts } from "../lib/accounts";

export const awsProviderPinned = stackControl({
    name: "careplane-aws-provider-pinned",
    description: "Every explicit AWS provider is pinned (allowedAccountIds) to the stack's own account, as its default provider is.",
    hipaa: ["164.308(a)(1)(ii)(B)", "164.308(a)(4)(ii)(B)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [AWS_PROVIDER],
    check: (resources, report) => {
        const providers = awsProviders(resources);
        const home = new Set(providers.filter(isDefaultProvider).flatMap((p) => pinnedAccounts(p.props)));
        // With no pinned default provider the principal controls already report the stack as unpinned.
        if (home.size === 0) return;
        const expected = `allowedAccountIds: the stack's account (${[...home].join(", ")}), as its aws:allowedAccountIds pins the default provider`;
        for (const provider of providers.filter((p) => !isDefaultProvider(p))) {
            const resource = resources.find((r) => r.urn === provider.urn);
            const pinned = pinnedAccounts(provider.props);
            if (pinned.length === 0) {
                report(resource, {
                    problem: "the provider is pinned to no account: it deploys into whichever account its credentials belong to",
                    expected,
                });
            } else if (pinned.some((a) => !home.has(a)) || [...home].some((a) => !pinned.includes(a))) {
                report(resource, { problem: `the provider is pinned to ${pinned.join(", ")}, not to the stack's account`, expected });
            }
        }
    },
});
