import { PropsOf } from "../lib/resource-types";
import { Finding, stackControl } from "../lib/control";
import { accountOfArn, PrincipalsConfig, principalsConfigSchema, Trust, trustOf, unpinnedAccount } from "../lib/accounts";
import { ofType, Typed } from "../lib/stack";

const PERMISSION = "aws:lambda/permission:Permission";
const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";

function permissionFindings(props: PropsOf<typeof PERMISSION>, trust: Trust): Finding[] {
    const principal = String(props.principal ?? "");
    const found: Finding[] = [];
    const open = principal === "*" || principal.endsWith(".amazonaws.com");
    const scoped = props.sourceAccount || props.sourceArn || props.principalOrgId;
    if (open && !scoped) {
        found.push({
            problem: `principal ${principal} may invoke the function from any account`,
            expected: "sourceAccount, sourceArn or principalOrgId set",
        });
    }
    const account = /^\d{12}$/.test(principal) ? principal : accountOfArn(principal);
    if (!open && (account === undefined || !trust.accounts.has(account))) {
        found.push({
            problem: `principal ${principal} is ${account ? `in account ${account}, ` : ""}outside the stack's account and the pack's trusted accounts`,
            expected: "a principal of the stack's account or of an account the pack configuration trusts",
        });
    }
    if (props.sourceAccount !== undefined && !trust.accounts.has(String(props.sourceAccount))) {
        found.push({
            problem: `sourceAccount ${props.sourceAccount} is not the stack's account`,
            expected: "sourceAccount naming the stack's account",
        });
    }
    if (props.principalOrgId !== undefined && !trust.organizations.has(String(props.principalOrgId))) {
        found.push({
            problem: `principalOrgId ${props.principalOrgId} is not an organization the pack trusts`,
            expected: "an organization listed in the pack configuration's trustedOrganizations",
        });
    }
    if (props.functionUrlAuthType === "NONE") {
        found.push({
            problem: "it lets anyone call the function URL without signing (functionUrlAuthType NONE)",
            expected: 'functionUrlAuthType "AWS_IAM"',
        });
    }
    return found;
}

function check(r: Typed<typeof PERMISSION | typeof FUNCTION_URL>, trust: Trust): Finding[] {
    if (r.type === FUNCTION_URL) {
        return r.props.authorizationType === "AWS_IAM"
            ? []
            : [
                  {
                      problem: `the function URL takes unsigned requests from the internet (authorizationType ${r.props.authorizationType ?? "unset"})`,
                      expected: 'authorizationType "AWS_IAM"',
                  },
              ];
    }
    return permissionFindings(r.props, trust);
}

export const lambdaPermissionScoped = stackControl<PrincipalsConfig>({
    name: "careplane-lambda-permission-scoped",
    description:
        "Who may invoke a function stays in the stack's account: a permission's principal is of the stack's (or a trusted) account, a service principal is scoped by sourceAccount, sourceArn or a trusted principalOrgId, and no function URL takes unsigned requests (authorization NONE).",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(e)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-LambdaFunctionPublicAccessProhibited"],
    types: [PERMISSION, FUNCTION_URL],
    configSchema: principalsConfigSchema,
    check: (resources, report, config) => {
        const subjects = ofType(resources, PERMISSION, FUNCTION_URL);
        if (subjects.length === 0) return;
        const trust = trustOf(resources, config);
        if (trust.home.size === 0) return report(undefined, unpinnedAccount);
        for (const r of subjects) for (const f of check(r, trust)) report(r, f);
    },
});
