import { patch, res, specControl } from "../../support/controls";
import { policy, role, scoped } from "../baselines/audit";

specControl("careplane-iam-no-inline-policy", {
    passes: [{ it: "a managed policy and a role without inline policies", fixtures: [policy, role] }],
    fails: [
        {
            it: "a role policy (advisory)",
            fixtures: [res("aws:iam/rolePolicy:RolePolicy", "flow-logs", { role: "flow", policy: scoped })],
            message: "flow-logs (aws:iam/rolePolicy:RolePolicy): it is an inline policy",
        },
        {
            it: "a role embedding inline policies (advisory)",
            fixtures: patch([role], "api", { inlinePolicies: [{ name: "read", policy: scoped }] }),
            message: "the role embeds inline policies",
        },
    ],
});
