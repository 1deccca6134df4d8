// A restore or a copy of a recovery point is a copy of PHI outside the stack's own controls. IAM
// cannot narrow either (AWS Backup gives StartRestoreJob and StartCopyJob no condition key and only
// the recovery point as resource, whose ARN is unknown in advance), so the vault access policy
// must: it denies both to everyone but the break-glass role and AWS Backup's own role (the plan's
// copy actions and restore tests). AWS Backup Developer Guide, "Vault access policies" (Action
// takes no wildcard there, so the actions are matched exactly).
import { stackControl } from "../lib/control";
import { VAULT } from "../lib/backup";
import { list, Statement, statementsOf } from "../lib/policy-document";
import { conditionValues } from "../lib/statement-match";
import { ofType, referencing } from "../lib/stack";

const VAULT_POLICY = "aws:backup/vaultPolicy:VaultPolicy";
const GUARDED = ["backup:startrestorejob", "backup:startcopyjob"];
const BREAK_GLASS_ROLE = /^arn:[^:]+:iam::\d{12}:role\/[\w+=,.@/-]*-break-glass$/;
const NAMED_ROLE = /^arn:[^:]+:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** The condition of a deny that exempts only named roles (and requests AWS services make themselves). */
function exemptsOnlyNamedRoles(s: Statement): { ok: boolean; exempt: string[] } {
    const exempt = conditionValues(s, "aws:PrincipalArn", ["ArnNotEquals", "StringNotEquals"]) ?? [];
    const tests = Object.entries(s.Condition ?? {}).flatMap(([operator, t]) =>
        Object.keys(t ?? {}).map((key) => `${operator}:${key.toLowerCase()}`),
    );
    const allowed = new Set([
        "ArnNotEquals:aws:principalarn",
        "StringNotEquals:aws:principalarn",
        "BoolIfExists:aws:principalisawsservice",
        "Bool:aws:principalisawsservice",
    ]);
    const serviceExemption = conditionValues(s, "aws:PrincipalIsAWSService", ["Bool", "BoolIfExists"]);
    const ok =
        exempt.length > 0 &&
        exempt.every((a) => NAMED_ROLE.test(a)) &&
        exempt.some((a) => BREAK_GLASS_ROLE.test(a)) &&
        tests.every((t) => allowed.has(t)) &&
        (serviceExemption === undefined || serviceExemption.every((v) => v === "false"));
    return { ok, exempt };
}

function guards(s: Statement): boolean {
    if (s.Effect !== "Deny") return false;
    const everyone = s.Principal === "*" || list((s.Principal as { AWS?: string | string[] } | undefined)?.AWS).includes("*");
    const actions = list(s.Action).map((a) => a.toLowerCase());
    return everyone && GUARDED.every((a) => actions.includes(a)) && list(s.Resource).includes("*") && exemptsOnlyNamedRoles(s).ok;
}

export const backupVaultRestoreBreakGlass = stackControl({
    name: "careplane-backup-vault-restore-break-glass",
    description:
        "Every backup vault's access policy denies backup:StartRestoreJob and backup:StartCopyJob to every principal but named roles, the break-glass role among them: IAM rights alone never restore or copy a recovery point.",
    hipaa: ["164.308(a)(3)(ii)(A)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)", "164.312(a)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [VAULT, VAULT_POLICY],
    check: (resources, report) => {
        for (const vault of ofType(resources, VAULT)) {
            const policies = referencing(resources, vault, "backupVaultName", VAULT_POLICY);
            if (policies.length === 0) {
                report(vault, {
                    problem: "the vault has no access policy, so anyone with IAM rights restores or copies its recovery points",
                    expected:
                        "an aws.backup.VaultPolicy denying StartRestoreJob and StartCopyJob to all but break-glass and AWS Backup's role",
                });
                continue;
            }
            for (const policy of policies) {
                if (statementsOf(policy.props.policy).some(guards)) continue;
                report(policy, {
                    problem: `the access policy of vault ${vault.name} leaves restore and copy to anyone with IAM rights`,
                    expected:
                        'a Deny of backup:StartRestoreJob and backup:StartCopyJob to Principal "*" except (ArnNotEquals aws:PrincipalArn) named roles including the -break-glass role',
                });
            }
        }
    },
});
