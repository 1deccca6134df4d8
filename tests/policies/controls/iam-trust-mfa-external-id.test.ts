import { specControl } from "../../support/controls";
import { ACCOUNT, assume, irsa, mfa, PARTNER, root, trust } from "../baselines/principals";

const people = {
    "careplane-iam-trust-mfa-external-id": {
        thirdPartyAccounts: [PARTNER],
        humanRoles: ["arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"],
    },
};
specControl("careplane-iam-trust-mfa-external-id", {
    passes: [
        {
            it: "the account root with MFA, and an IAM user with a recent MFA",
            fixtures: [
                trust("analytics", assume(root(ACCOUNT), mfa)),
                trust(
                    "oncall",
                    assume({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }, { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }),
                ),
            ],
        },
        {
            it: "roles assumed by services, by pods (web identity) and by a machine role of the account",
            fixtures: [
                trust("nodes", assume({ Service: "ec2.amazonaws.com" })),
                trust("api", irsa("system:serviceaccount:caresync-prod:api")),
                trust("deploy-target", assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/ci-deployer` })),
            ],
        },
        {
            it: "a third party's role with its external ID",
            config: people,
            fixtures: [
                trust(
                    "vendor",
                    assume({ AWS: `arn:aws:iam::${PARTNER}:role/integration` }, { StringEquals: { "sts:ExternalId": "caresync-7f3a" } }),
                ),
            ],
        },
        {
            it: "a people's role the configuration lists, with MFA",
            config: people,
            fixtures: [
                trust(
                    "break-glass",
                    assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123` }, mfa),
                ),
            ],
        },
    ],
    fails: [
        {
            it: "the account root without MFA",
            fixtures: [trust("analytics", assume(root(ACCOUNT)))],
            message: `lets people (arn:aws:iam::${ACCOUNT}:root) assume the role without MFA`,
        },
        {
            it: "an IAM user without MFA",
            fixtures: [trust("oncall", assume({ AWS: `arn:aws:iam::${ACCOUNT}:user/alice` }))],
            message: "without MFA",
        },
        { it: "the bare account id without MFA", fixtures: [trust("analytics", assume({ AWS: ACCOUNT }))], message: "without MFA" },
        {
            it: "MFA under BoolIfExists (a session without the key passes)",
            fixtures: [trust("analytics", assume(root(ACCOUNT), { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }))],
            message: "without MFA",
        },
        {
            it: 'MultiFactorAuthPresent "false"',
            fixtures: [trust("analytics", assume(root(ACCOUNT), { Bool: { "aws:MultiFactorAuthPresent": "false" } }))],
            message: "without MFA",
        },
        {
            it: "any principal of the account (a wildcard held by aws:PrincipalAccount) without MFA",
            fixtures: [trust("analytics", assume("*", { StringEquals: { "aws:PrincipalAccount": ACCOUNT } }))],
            message: "lets people (*)",
        },
        {
            it: "a people's role the configuration lists, without MFA",
            config: people,
            fixtures: [
                trust(
                    "break-glass",
                    assume({ AWS: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123` }),
                ),
            ],
            message: "without MFA",
        },
        {
            it: "a third party without an external ID",
            config: people,
            fixtures: [trust("vendor", assume({ AWS: `arn:aws:iam::${PARTNER}:role/integration` }))],
            message: `third-party account ${PARTNER} assume the role without an external ID`,
        },
        {
            it: "a third party's external ID given as a wildcard",
            config: people,
            fixtures: [
                trust("vendor", assume({ AWS: `arn:aws:iam::${PARTNER}:role/integration` }, { StringLike: { "sts:ExternalId": "*" } })),
            ],
            message: "without an external ID",
        },
    ],
});
