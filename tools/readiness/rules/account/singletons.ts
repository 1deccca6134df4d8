// Account-level singletons: exactly one stack per account (and region) creates each of them.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { runRule } from "../../rule";
import { Finding } from "../../finding";
import { T } from "../aws";
import { byAccount, where } from "./groups";

interface Singleton {
    what: string;
    /** The resources that are this singleton, and a key telling apart several kinds of it (the service of a service-linked role). */
    find: (ctx: ReadinessContext) => Array<{ resource: PlannedResource; key: string }>;
    regional: boolean;
    awsError: string;
}

const SINGLETONS: Singleton[] = [
    {
        what: "GuardDuty detector",
        regional: true,
        awsError: "BadRequestException (a detector already exists for the current account)",
        find: (c) => c.ofType(T.guardduty).map((r) => ({ resource: r, key: "detector" })),
    },
    {
        what: "EBS encryption by default",
        regional: true,
        awsError: "none: the last stack to apply wins, and destroying one switches it off for all",
        find: (c) => c.ofType("aws:ebs/encryptionByDefault:EncryptionByDefault").map((r) => ({ resource: r, key: "ebs" })),
    },
    {
        what: "EBS default KMS key",
        regional: true,
        awsError: "none: the last stack to apply wins",
        find: (c) => c.ofType("aws:ebs/defaultKmsKey:DefaultKmsKey").map((r) => ({ resource: r, key: "ebs-key" })),
    },
    {
        what: "S3 account public access block",
        regional: false,
        awsError: "none: the last stack to apply wins, and destroying one removes it for all",
        find: (c) => c.ofType("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock").map((r) => ({ resource: r, key: "pab" })),
    },
    {
        what: "IAM account password policy",
        regional: false,
        awsError: "none: the last stack to apply wins",
        find: (c) => c.ofType("aws:iam/accountPasswordPolicy:AccountPasswordPolicy").map((r) => ({ resource: r, key: "password" })),
    },
    {
        what: "Security Hub account",
        regional: true,
        awsError: "ResourceConflictException (Account is already subscribed to Security Hub)",
        find: (c) => c.ofType("aws:securityhub/account:Account").map((r) => ({ resource: r, key: "securityhub" })),
    },
    {
        what: "AWS Config recorder",
        regional: true,
        awsError: "MaxNumberOfConfigurationRecordersExceededException",
        find: (c) => c.ofType("aws:cfg/recorder:Recorder").map((r) => ({ resource: r, key: "config" })),
    },
    {
        what: "GitHub Actions OIDC provider",
        regional: false,
        awsError: "EntityAlreadyExists (Provider with url https://token.actions.githubusercontent.com already exists)",
        find: (c) =>
            c
                .ofType(T.oidcProvider)
                .filter((r) => /token\.actions\.githubusercontent\.com/.test(str(r.inputs.url) ?? ""))
                .map((r) => ({ resource: r, key: "github" })),
    },
    {
        what: "service-linked role",
        regional: false,
        awsError: "InvalidInput (Service role name AWSServiceRoleFor… has been taken in this account)",
        find: (c) =>
            c
                .ofType(T.serviceLinkedRole)
                .map((r) => ({ resource: r, key: `${str(r.inputs.awsServiceName)}:${str(r.inputs.customSuffix) ?? ""}` })),
    },
];

export const singletonsOwnedOnce = runRule(
    {
        id: "account/singletons",
        family: "account",
        description:
            "Each account singleton (GuardDuty detector, account-wide settings, the GitHub OIDC provider, service-linked roles) is created by exactly one stack per account and region, the one that owns singletons",
        source: "https://docs.aws.amazon.com/guardduty/latest/APIReference/API_CreateDetector.html",
    },
    (stacks, rule) => {
        const findings: Finding[] = [];
        for (const s of SINGLETONS) {
            const kinds = new Map(stacks.flatMap((ctx) => s.find(ctx).map((f) => [f.resource, f.key] as const)));
            const groups = byAccount(stacks, (ctx) => s.find(ctx).map((f) => f.resource), s.regional);
            for (const [key, placed] of groups) {
                const byKind = new Map<string, typeof placed>();
                for (const p of placed) byKind.set(kinds.get(p.resource)!, [...(byKind.get(kinds.get(p.resource)!) ?? []), p]);
                for (const owners of byKind.values()) {
                    const stacksOwning = [...new Set(owners.map((o) => o.ctx.plan.stack))];
                    const disowned = owners.filter((o) => o.ctx.deployment.singletons === false);
                    for (const o of disowned)
                        findings.push(
                            o.ctx.finding(rule, o.resource, {
                                message: `stack ${o.ctx.plan.stack} does not own the singletons of ${where(key)} (careplane:account singletons: false) but creates its ${s.what}`,
                                awsError: s.awsError,
                                fix: `create the ${s.what} only in the stack that owns ${where(key)}'s singletons`,
                            }),
                        );
                    if (stacksOwning.length < 2) continue;
                    const owner = owners.find((o) => o.ctx.deployment.singletons === true) ?? owners[0];
                    for (const o of owners.filter((o) => o !== owner && !disowned.includes(o)))
                        findings.push(
                            o.ctx.finding(rule, o.resource, {
                                message: `${stacksOwning.join(", ")} all create the ${s.what} of ${where(key)}; there is one per account${s.regional ? " and region" : ""}, and ${owner.ctx.plan.stack} already has it`,
                                awsError: s.awsError,
                                fix: `give ${where(key)} one owning stack (careplane:account singletons: true) and create the ${s.what} only there`,
                            }),
                        );
                }
            }
        }
        return findings;
    },
);
