import { MOCK_ACCOUNT_ID } from "../../../tools/engine/mocks";
import { aws, Fixture, res } from "../../support/controls";

// The controls that judge who a policy lets in: every trust and resource policy, the MFA and
// external-ID guards on roles people and third parties assume, and federated (IRSA, GitHub) trusts.

export const ACCOUNT = MOCK_ACCOUNT_ID;
export const OTHER = "999999999999";
export const PARTNER = "222222222222";
export const ORG = "o-a1b2c3d4e5";
export const ROLE = "aws:iam/role:Role";
export const OIDC = "oidc.eks.us-east-1.amazonaws.com/id/3A9B9A6F52FB22E91DF2A630542CDB23";
export const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
export const trust = (name: string, ...statements: object[]) => aws(ROLE, name, { assumeRolePolicy: doc(...statements) });
export const assume = (Principal: unknown, Condition?: object, Action = "sts:AssumeRole") => ({
    Effect: "Allow",
    Principal,
    Action,
    ...(Condition ? { Condition } : {}),
});
export const root = (account: string) => ({ AWS: `arn:aws:iam::${account}:root` });
export const irsa = (sa: string) =>
    assume(
        { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC}` },
        { StringEquals: { [`${OIDC}:sub`]: sa, [`${OIDC}:aud`]: "sts.amazonaws.com" } },
        "sts:AssumeRoleWithWebIdentity",
    );
export const mfa = { Bool: { "aws:MultiFactorAuthPresent": "true" } };

/** An explicit AWS provider (another region's), pinned to the accounts given or to none. */
export const provider = (name: string, allowedAccountIds?: string[]) =>
    res("pulumi:providers:aws", name, {
        region: "us-west-2",
        ...(allowedAccountIds ? { allowedAccountIds: JSON.stringify(allowedAccountIds) } : {}),
    });
/** A fixture created through that provider. */
export const through = (p: Fixture, f: Fixture): Fixture => ({ ...f, provider: p.urn });
