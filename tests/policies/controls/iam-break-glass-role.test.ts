import { breakGlassTrustPolicy } from "../../../components/access/break-glass";
import { aws, patch, specControl } from "../../support/controls";
import { ACCOUNT } from "../baselines/keys-and-break-glass";

// ---- careplane-iam-break-glass-role -----------------------------------------------------------------
const ROLE = "aws:iam/role:Role";
const trust = breakGlassTrustPolicy({ partition: "aws", accountId: ACCOUNT, users: ["security-officer", "platform-lead"] });
const breakGlass = aws(ROLE, "break-glass", {
    name: "caresync-prod-break-glass",
    maxSessionDuration: 3600,
    assumeRolePolicy: JSON.stringify(trust),
});
const withTrust = (change: (s: any) => void) => {
    const t = structuredClone(trust) as any;
    change(t.Statement[0]);
    return patch([breakGlass], "break-glass", { assumeRolePolicy: JSON.stringify(t) });
};
specControl("careplane-iam-break-glass-role", {
    passes: [
        { it: "careplane's break-glass role (named users, fresh MFA, one-hour sessions)", fixtures: [breakGlass] },
        {
            it: "a role trusting named users by ARN as Principal, with MFA",
            fixtures: withTrust((s) => {
                s.Principal = { AWS: [`arn:aws:iam::${ACCOUNT}:user/alice`] };
                delete s.Condition.ArnEquals;
            }),
        },
        {
            it: "a role of another name, which it does not judge",
            fixtures: patch([breakGlass], "break-glass", { name: "caresync-prod-operator", maxSessionDuration: 43200 }),
        },
    ],
    fails: [
        {
            it: "twelve-hour sessions",
            fixtures: patch([breakGlass], "break-glass", { maxSessionDuration: 43200 }),
            message: "its sessions last up to 43200 seconds",
        },
        {
            it: "an unset session length",
            fixtures: patch([breakGlass], "break-glass", { maxSessionDuration: undefined }),
            message: "maxSessionDuration of at most 3600",
        },
        {
            it: "no MFA",
            fixtures: withTrust((s) => delete s.Condition.Bool),
            message: "statement NamedPeopleWithRecentMfa does not require MFA",
        },
        {
            it: "MFA of any age",
            fixtures: withTrust((s) => delete s.Condition.NumericLessThan),
            message: "accepts an MFA sign-in of any age",
        },
        {
            it: "MFA up to a day old",
            fixtures: withTrust((s) => (s.Condition.NumericLessThan["aws:MultiFactorAuthAge"] = "86400")),
            message: "accepts an MFA sign-in of any age",
        },
        {
            it: "the whole account (no named people)",
            fixtures: withTrust((s) => delete s.Condition.ArnEquals),
            message: "lets every principal of the account assume it",
        },
        {
            it: "a wildcard among the people",
            fixtures: withTrust((s) => (s.Condition.ArnEquals["aws:PrincipalArn"] = [`arn:aws:iam::${ACCOUNT}:user/*`])),
            message: `lets arn:aws:iam::${ACCOUNT}:user/* assume it`,
        },
        {
            it: "a person of another account",
            fixtures: withTrust((s) => s.Condition.ArnEquals["aws:PrincipalArn"].push("arn:aws:iam::999999999999:user/mallory")),
            message: "lets arn:aws:iam::999999999999:user/mallory assume it",
        },
        {
            it: "a federated principal",
            fixtures: withTrust((s) => (s.Principal = { Federated: "arn:aws:iam::123456789012:saml-provider/corp" })),
            message: 'trusts {"Federated":"arn:aws:iam::123456789012:saml-provider/corp"}',
        },
        {
            it: "web-identity assumption",
            fixtures: withTrust((s) => (s.Action = ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"])),
            message: "allows sts:AssumeRole, sts:AssumeRoleWithWebIdentity",
        },
    ],
});
