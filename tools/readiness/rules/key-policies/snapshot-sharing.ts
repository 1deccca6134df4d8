// A key RDS snapshots are shared under: what the receiving account's copy or restore asks KMS for.
import { ReadinessContext } from "../../context";
import { Finding } from "../../finding";
import { asList, parsePolicy, PolicyDocument, principalsOf } from "../../policy";
import { stackRule } from "../../rule";
import { ADMINISTRATOR, decide } from "../../simulate";
import { T } from "../aws";

const SOURCE = "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-encrypted-snapshot.html";

/** The other accounts a key policy lets use the key through RDS: the receivers of snapshots shared under it. */
export function rdsReceivers(ctx: ReadinessContext, policy: PolicyDocument): string[] {
    const throughRds = (s: PolicyDocument["Statement"][number]) =>
        Object.values(s.Condition ?? {}).some((block) =>
            Object.entries(block).some(
                ([k, v]) => k.toLowerCase() === "kms:viaservice" && asList(v as string | string[]).some((x) => x.startsWith("rds.")),
            ),
        );
    const accounts = principalsOf(policy)
        .filter((p) => p.kind === "AWS" && p.statement.Effect === "Allow" && p.statement.Principal !== undefined && throughRds(p.statement))
        .map((p) => /^(?:arn:aws[a-z-]*:iam::)?(\d{12})(?::|$)/.exec(p.value)?.[1])
        .filter((a): a is string => a !== undefined && a !== ctx.account);
    return [...new Set(accounts)];
}

/**
 * "Sharing encrypted snapshots" (Amazon RDS User Guide): the account a snapshot is shared with copies
 * or restores it only if the key policy lets it use the key; RDS creates a grant on the key for the
 * copy and describes the key first, so kms:CreateGrant (for an AWS resource) and kms:DescribeKey
 * through RDS are the least it needs. Its own IAM policy must allow them too (simulated as allowing
 * everything: only the key policy decides here).
 */
export const rdsSnapshotSharing = stackRule(
    {
        id: "key-policies/rds-snapshot-sharing",
        family: "key-policies",
        description:
            "A key whose policy admits another account through RDS (a key snapshots are shared under) lets that account CreateGrant for RDS's resources and DescribeKey through RDS, which copying or restoring the shared snapshot calls",
        source: SOURCE,
    },
    async (ctx, rule) => {
        const findings: Finding[] = [];
        for (const key of ctx.ofType(T.key)) {
            const policy = parsePolicy(key.inputs.policy);
            if (!policy) continue;
            const region = ctx.regionOf(key);
            for (const account of rdsReceivers(ctx, policy)) {
                const denied: string[] = [];
                for (const action of ["kms:CreateGrant", "kms:DescribeKey"]) {
                    const decision = await decide({
                        principal: `arn:aws:iam::${account}:role/snapshot-restorer`,
                        action,
                        resource: `arn:aws:kms:${region}:${ctx.account}:key/${key.name}`,
                        resourceAccount: ctx.account,
                        resourcePolicy: policy,
                        identityPolicies: [ADMINISTRATOR],
                        context: {
                            "kms:ViaService": `rds.${region}.amazonaws.com`,
                            "kms:CallerAccount": account,
                            ...(action === "kms:CreateGrant" ? { "kms:GrantIsForAWSResource": "true" } : {}),
                        },
                    });
                    if (decision !== "Allowed") denied.push(action);
                }
                if (denied.length === 0) continue;
                findings.push(
                    ctx.finding(rule, key, {
                        message: `account ${account} cannot copy or restore a snapshot shared under key ${key.name}: its policy refuses ${denied.join(" and ")} through rds.${region}.amazonaws.com to that account`,
                        awsError: "KMSKeyNotAccessibleFault",
                        fix: `allow arn:aws:iam::${account}:root kms:DescribeKey, and kms:CreateGrant with kms:GrantIsForAWSResource true, through rds.${region}.amazonaws.com (${SOURCE})`,
                    }),
                );
            }
        }
        return findings;
    },
);
