import { expect } from "chai";
import { planOf, violationsOfPolicy } from "../support/engine";
import {
    admin,
    Case,
    cases,
    internet,
    key,
    meets,
    outsider,
    recoveryPoint,
    role,
    roleWithEverything,
    Stack,
    STACKS,
    tls,
    trustOf,
    via,
    webIdentity,
} from "./cases";
import { administrationCases } from "./administration-cases";
import { collectPolicies, StackPolicies } from "./policies";
import { decide } from "./simulate";

const policiesOf = async (stack: Stack) => collectPolicies(await planOf(stack));

async function evaluate(c: Pick<Case, "who" | "action" | "on" | "context">, s: StackPolicies) {
    const who = c.who(s);
    const on = c.on(s);
    return decide({
        principal: who.principal,
        identityPolicies: who.identityPolicies,
        action: c.action,
        resource: on.arn,
        resourceAccount: on.account,
        resourcePolicy: on.policy,
        endpointPolicy: on.endpointPolicy,
        context: c.context?.(s),
    });
}

/** Service prefixes of the stores that hold PHI or guard it. */
const PHI_SERVICES = ["s3", "kms", "secretsmanager", "rds", "rds-db", "dynamodb", "backup", "elasticache", "glacier"];
const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [String(v)]);

const READ = "secretsmanager:GetSecretValue";

describe("access model: every IAM and resource policy of the four stacks, evaluated by iam-simulate", () => {
    it("has at least 60 cases", () => {
        expect(cases.length).to.be.at.least(60);
    });

    for (const stack of STACKS) {
        describe(stack, () => {
            for (const c of [...cases, ...administrationCases].filter((c) => (c.stacks ?? STACKS).includes(stack))) {
                it(`${c.says}: ${c.action} → ${c.expect}`, async () => {
                    const decision = await evaluate(c, await policiesOf(stack));
                    expect(meets(decision, c.expect), `decision was ${decision}`).to.equal(true);
                });
            }

            it("no Allow statement grants `*` or a service wildcard on a PHI store, nor NotAction", async () => {
                const offenders = (await policiesOf(stack)).all.flatMap(({ owner, policy }) =>
                    policy.Statement.filter((st) => st.Effect === "Allow")
                        .filter(
                            (st) =>
                                st.NotAction !== undefined ||
                                asList(st.Action).some((a) => a === "*" || (PHI_SERVICES.includes(a.split(":")[0]) && a.endsWith(":*"))),
                        )
                        .map((st) => `${owner}: ${JSON.stringify(st.Action ?? st.NotAction)}`),
                );
                expect(offenders).to.deep.equal([]);
            });

            it("the pack's wildcard control finds nothing in the plan", async () => {
                expect(await violationsOfPolicy("careplane-iam-no-wildcard-on-phi", await planOf(stack))).to.deep.equal([]);
            });

            it("no role can use the data key, through any of its services, but the malware scan role through S3 (it reads the uploads)", async () => {
                const s = await policiesOf(stack);
                const users: string[] = [];
                for (const name of s.roles.keys()) {
                    for (const svc of ["rds", "elasticache", "s3", "ec2", "sns"]) {
                        for (const action of ["kms:Decrypt", "kms:GenerateDataKey"]) {
                            const decision = await evaluate({ who: role(name), action, on: key("data"), context: via(svc) }, s);
                            if (decision === "Allowed") users.push(`${name} ${action} via ${svc}`);
                        }
                    }
                }
                expect(users).to.deep.equal(["audit-malware-scan kms:Decrypt via s3", "audit-malware-scan kms:GenerateDataKey via s3"]);
            });

            it("another account can assume no role, use no key and reach no topic", async () => {
                const s = await policiesOf(stack);
                const granted: string[] = [];
                for (const name of s.roles.keys()) {
                    for (const action of ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity"]) {
                        if ((await evaluate({ who: outsider, action, on: trustOf(name) }, s)) === "Allowed")
                            granted.push(`${action} ${name}`);
                    }
                }
                const guarded = [
                    ...[...s.keyPolicies.values()].map((p) => ({
                        p,
                        actions: ["kms:Decrypt", "kms:Encrypt", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"],
                    })),
                    ...[...s.topicPolicies.values()].map((p) => ({
                        p,
                        actions: ["sns:Publish", "sns:Subscribe", "sns:SetTopicAttributes"],
                    })),
                ];
                for (const { p, actions } of guarded) {
                    for (const action of actions) {
                        const on = () => ({ arn: p.target, policy: p.policy });
                        if ((await evaluate({ who: outsider, action, on }, s)) === "Allowed") granted.push(`${action} ${p.name}`);
                    }
                }
                expect(granted).to.deep.equal([]);
            });

            it("the internet reaches nothing: every bucket, key, topic, secret, vault and role refuses an unsigned request", async () => {
                const s = await policiesOf(stack);
                const admitted: string[] = [];
                const tryAll = async (name: string, actions: string[], on: Case["on"], context?: Case["context"]) => {
                    for (const action of actions) {
                        const decision = await evaluate({ who: internet, action, on, context }, s);
                        if (decision === "Allowed") admitted.push(`${action} ${name}`);
                    }
                };
                for (const b of s.bucketPolicies.values()) {
                    await tryAll(
                        b.name,
                        ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                        () => ({ arn: `${b.target}/any-object`, policy: b.policy }),
                        tls(true),
                    );
                    await tryAll(b.name, ["s3:ListBucket", "s3:GetBucketPolicy"], () => ({ arn: b.target, policy: b.policy }), tls(true));
                }
                for (const k of s.keyPolicies.values())
                    await tryAll(k.name, ["kms:Decrypt", "kms:DescribeKey", "kms:CreateGrant"], () => ({
                        arn: k.target,
                        policy: k.policy,
                    }));
                for (const t of s.topicPolicies.values())
                    await tryAll(t.name, ["sns:Publish", "sns:Subscribe"], () => ({ arn: t.target, policy: t.policy }), tls(true));
                for (const p of s.secretPolicies.values()) await tryAll(p.name, [READ], () => ({ arn: p.target, policy: p.policy }));
                for (const v of s.vaultPolicies.keys())
                    await tryAll(v, ["backup:StartRestoreJob", "backup:DeleteRecoveryPoint"], recoveryPoint(v));
                for (const r of s.roles.values()) {
                    const federated = JSON.stringify(r.trust).includes("oidc-provider/");
                    const context = federated ? () => webIdentity(s, r.name, "system:serviceaccount:default:default") : undefined;
                    await tryAll(r.name, ["sts:AssumeRoleWithWebIdentity"], trustOf(r.name), context);
                }
                expect(s.bucketPolicies.size + s.keyPolicies.size + s.topicPolicies.size).to.be.at.least(10);
                expect(admitted).to.deep.equal([]);
            });

            it("refuses every request without TLS to every bucket, even an administrator's", async () => {
                const s = await policiesOf(stack);
                const admitted: string[] = [];
                for (const b of s.bucketPolicies.values()) {
                    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
                        const on = () => ({ arn: `${b.target}/any-object`, policy: b.policy });
                        const decision = await evaluate({ who: admin, action, on, context: tls(false) }, s);
                        if (decision !== "ExplicitlyDenied") admitted.push(`${action} ${b.name}: ${decision}`);
                    }
                }
                expect(s.bucketPolicies.size).to.be.at.least(4);
                expect(admitted).to.deep.equal([]);
            });

            it("no role but the backup role can delete recovery points, whatever permissions it is given", async () => {
                const s = await policiesOf(stack);
                const deleters: string[] = [];
                for (const vault of s.vaultPolicies.keys()) {
                    for (const name of s.roles.keys()) {
                        const decision = await evaluate(
                            { who: roleWithEverything(name), action: "backup:DeleteRecoveryPoint", on: recoveryPoint(vault) },
                            s,
                        );
                        if (decision === "Allowed") deleters.push(`${name} in ${vault}`);
                    }
                }
                expect(s.vaultPolicies.size).to.be.at.least(1);
                expect(deleters).to.deep.equal([...s.vaultPolicies.keys()].map((v) => `backup in ${v}`));
            });

            it("attaches only reviewed AWS managed policies, AWS Backup's only to the role AWS Backup alone assumes", async () => {
                // Their documents are AWS's, outside the plan; this list is what was reviewed: none reaches a PHI store.
                const reviewed = new Set([
                    "AmazonEKSClusterPolicy",
                    // Network interfaces only (the trunk and branch interfaces of security groups for pods).
                    "AmazonEKSVPCResourceController",
                    "AmazonEKSWorkerNodePolicy",
                    "AmazonEC2ContainerRegistryReadOnly",
                    "AmazonEKS_CNI_Policy",
                    "service-role/AmazonEBSCSIDriverPolicy",
                    "service-role/AmazonRDSEnhancedMonitoringRole",
                    "AmazonECSInfrastructureRolePolicyForLoadBalancers",
                ]);
                // These do (snapshots, S3 reads, the backups key): the backup role's whole purpose.
                const backupOnly = new Set([
                    "service-role/AWSBackupServiceRolePolicyForBackup",
                    "service-role/AWSBackupServiceRolePolicyForRestores",
                    "AWSBackupServiceRolePolicyForS3Backup",
                    "AWSBackupServiceRolePolicyForS3Restore",
                ]);
                const unexpected: string[] = [];
                for (const r of (await policiesOf(stack)).roles.values()) {
                    const trustedServices = r.trust.Statement.map((st) => JSON.stringify(st.Principal));
                    const isBackupRole = trustedServices.every((p) => p === JSON.stringify({ Service: "backup.amazonaws.com" }));
                    for (const policy of r.managed.map((arn) => arn.replace(/^arn:aws:iam::aws:policy\//, ""))) {
                        if (!reviewed.has(policy) && !(backupOnly.has(policy) && isBackupRole)) unexpected.push(`${r.name}: ${policy}`);
                    }
                }
                expect(unexpected).to.deep.equal([]);
            });
        });
    }
});
