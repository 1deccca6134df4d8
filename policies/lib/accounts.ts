// Whose accounts a stack may let in: its own (the account its AWS providers are pinned to), the
// accounts and organizations the pack's configuration trusts, and the few accounts AWS itself
// delivers logs from.
import { PolicyConfigSchema } from "@pulumi/policy";
import { elbLogDeliveryAccounts } from "./elb-log-delivery";
import { propertyOf, StackResource } from "./stack";

export const AWS_PROVIDER = "pulumi:providers:aws";

/** The pack configuration every principal control accepts (`pulumi up --policy-pack-config`). */
export interface PrincipalsConfig {
    /** Other accounts of the organization a stack may grant to (log archive, security tooling). */
    trustedAccounts?: string[];
    /** Accounts of third parties (vendors): trusted, and every role they assume needs an sts:ExternalId. */
    thirdPartyAccounts?: string[];
    /** AWS Organizations (o-…) whose accounts aws:PrincipalOrgID / aws:SourceOrgID may admit. */
    trustedOrganizations?: string[];
    /** ARN patterns (`*` wildcards) of roles people assume (Identity Center permission sets, SAML roles): they need MFA like users. */
    humanRoles?: string[];
}

const accountList = { type: "array", items: { type: "string", pattern: "^\\d{12}$" } } as const;
export const principalsConfigSchema: PolicyConfigSchema = {
    properties: {
        trustedAccounts: accountList,
        thirdPartyAccounts: accountList,
        trustedOrganizations: { type: "array", items: { type: "string", pattern: "^o-[a-z0-9]{10,32}$" } },
        humanRoles: { type: "array", items: { type: "string" } },
    },
};

const elbAccounts = new Set(Object.values(elbLogDeliveryAccounts));

export function isElbLogDeliveryAccount(account: string): boolean {
    return elbAccounts.has(account);
}

/** The account field of an ARN (`arn:partition:service:region:account:…`); undefined when absent. */
export function accountOfArn(arn: string): string | undefined {
    const parts = arn.split(":");
    return parts.length >= 6 && parts[0] === "arn" && parts[4] !== "" ? parts[4] : undefined;
}

/**
 * `allowedAccountIds` of an AWS provider: a list, or the JSON text a stack's `aws:allowedAccountIds`
 * config arrives as (the engine hands a provider's configuration serialized, not in its Args shape).
 */
export function pinnedAccounts(props: unknown): string[] {
    let value = propertyOf({ props }, "allowedAccountIds");
    if (typeof value === "string") {
        const text = value;
        try {
            value = JSON.parse(text);
        } catch {
            value = text.split(",").map((v) => v.trim());
        }
    }
    return Array.isArray(value) ? value.map(String).filter((a) => /^\d{12}$/.test(a)) : [];
}

/**
 * The stack's own accounts: those its default AWS provider (the stack's `aws:allowedAccountIds`)
 * is pinned to. An explicit provider pinned elsewhere does not make that account the stack's;
 * only when no default provider pins one do explicit providers' pins count.
 */
export function homeAccounts(resources: StackResource[]): Set<string> {
    const all = awsProviders(resources);
    const defaults = all.filter(isDefaultProvider);
    const pinnedBy = (ps: typeof all) => new Set(ps.flatMap((p) => pinnedAccounts(p.props)));
    const fromDefaults = pinnedBy(defaults);
    return fromDefaults.size > 0 ? fromDefaults : pinnedBy(all);
}

/** Every AWS provider the stack's resources go through, and every one it declares. */
export function awsProviders(resources: StackResource[]): Array<{ urn: string; name: string; props: unknown }> {
    const providers = new Map<string, { urn: string; name: string; props: unknown }>();
    for (const r of resources) {
        if (r.provider?.type === AWS_PROVIDER) providers.set(r.provider.urn, r.provider);
        if (r.type === AWS_PROVIDER) providers.set(r.urn, { urn: r.urn, name: r.name, props: r.props });
    }
    return [...providers.values()];
}

/** The provider Pulumi configures from the stack's `aws:*` config (`default`, `default_7_x_y`). */
export const isDefaultProvider = (p: { name: string }) => p.name.startsWith("default");

/** Who a stack may let in, from its providers and the pack's configuration. */
export interface Trust {
    home: Set<string>;
    /** home, the organization's trusted accounts and third parties. */
    accounts: Set<string>;
    thirdParties: Set<string>;
    organizations: Set<string>;
    humanRoles: RegExp[];
}

export function trustOf(resources: StackResource[], config: PrincipalsConfig): Trust {
    const home = homeAccounts(resources);
    const thirdParties = new Set(config.thirdPartyAccounts ?? []);
    return {
        home,
        accounts: new Set([...home, ...(config.trustedAccounts ?? []), ...thirdParties]),
        thirdParties,
        organizations: new Set(config.trustedOrganizations ?? []),
        humanRoles: (config.humanRoles ?? []).map((p) => new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`)),
    };
}

/** The finding every principal control reports when no provider says which account the stack is. */
export const unpinnedAccount = {
    problem: "no AWS provider of the stack is pinned to an account, so no principal can be judged inside or outside it",
    expected: "aws:allowedAccountIds set to the stack's account in its stack file (careplane:account)",
};
