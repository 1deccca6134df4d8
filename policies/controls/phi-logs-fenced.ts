import { stackControl } from "../lib/control";
import { coversAction, globMatches, LOG_GROUP, TRAIL } from "../lib/detection";
import { Bucket, BUCKET_POLICY, BUCKET_TYPES, configsOf, logTargets } from "../lib/s3";
import { ofType, referencedBy, referencing, StackResource, Typed } from "../lib/stack";
import { list, policyDocument, Statement, statementsOf } from "../lib/policy-document";

const ROLE = "aws:iam/role:Role";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const POLICY = "aws:iam/policy:Policy";
const WAF_LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";

/** Reading a log group's events: the console and CLI, Logs Insights, and export to S3. */
const LOG_READS = ["logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery", "logs:CreateExportTask"];

/** The roles that may read PHI-bearing logs: emergency access and the auditors. */
const isLogReader = (name: string) => /-(break-glass|auditor)$/.test(name);

/**
 * Log groups that can hold PHI: tagged so, or by what writes to them whatever their tags say: the
 * database's postgresql log (statements, error messages quoting values), a WAF log (client
 * addresses, URLs), Redis's slow log (commands with their arguments).
 */
function phiLogGroups(resources: StackResource[]): Typed<typeof LOG_GROUP>[] {
    const written = new Set(
        [
            ...ofType(resources, WAF_LOGGING).flatMap((l) => referencedBy(l, "logDestinationConfigs")),
            ...ofType(resources, CACHE).flatMap((c) => referencedBy(c, "logDeliveryConfigurations")),
        ].map((d) => d.urn),
    );
    return ofType(resources, LOG_GROUP).filter(
        (g) =>
            g.props.tags?.DataClassification === "phi" ||
            written.has(g.urn) ||
            /^\/aws\/rds\/(instance|cluster)\/[^/]+\/postgresql$/.test(String(g.props.name ?? "")),
    );
}

/** Roles a person or CI assumes (an AWS principal, or GitHub's OIDC provider), as opposed to a service's or a pod's. */
function isPeoplesRole(role: Typed<typeof ROLE>): boolean {
    return statementsOf(role.props.assumeRolePolicy).some(
        (s) =>
            s.Effect === "Allow" &&
            ((s.Principal as any)?.AWS !== undefined ||
                s.Principal === "*" ||
                JSON.stringify((s.Principal as any)?.Federated ?? "").includes("token.actions.githubusercontent.com")),
    );
}

/** Every policy document that applies to a role: inline, RolePolicy, and attached customer-managed policies. */
function documentsOf(resources: StackResource[], role: Typed<typeof ROLE>): unknown[] {
    const inline = list(role.props.inlinePolicies as Array<{ policy: unknown }> | undefined).map((p) => p.policy);
    const rolePolicies = referencing(resources, role, "role", ROLE_POLICY).map((p) => p.props.policy);
    const attached = referencing(resources, role, "role", ATTACHMENT)
        .flatMap((a) => ofType(referencedBy(a, "policyArn"), POLICY))
        .map((p) => p.props.policy);
    return [...inline, ...rolePolicies, ...attached];
}

/** Whether a Deny statement refuses every log read on the group (by its name in the ARN). */
function deniesReading(s: Statement, group: Typed<typeof LOG_GROUP>): boolean {
    if (s.Effect !== "Deny" || s.Condition !== undefined) return false;
    if (!LOG_READS.every((a) => coversAction(s.Action, a))) return false;
    const name = String(group.props.name ?? "");
    return list(s.Resource).some((r) => r === "*" || (r.includes(":log-group:") && globMatches(r.replace(/^.*?:log-group:/, ""), name)));
}

/** Whether a bucket policy refuses object reads to every principal but the log readers. */
function fencesReads(s: Statement, bucket: Bucket): boolean {
    if (s.Effect !== "Deny" || !(s.Principal === "*" || (s.Principal as any)?.AWS === "*")) return false;
    if (!["s3:GetObject", "s3:GetObjectVersion"].every((a) => coversAction(s.Action, a))) return false;
    const objects = `arn:aws:s3:::${bucket.props.bucket}/*`;
    if (!list(s.Resource).some((r) => globMatches(r.replace(/^arn:[^:]+/, "arn:aws"), objects))) return false;
    const exempt = ["ArnNotEquals", "ArnNotLike", "StringNotEquals", "StringNotLike"].flatMap((op) =>
        list(s.Condition?.[op]?.["aws:PrincipalArn"] as string | string[] | undefined),
    );
    const keys = Object.values(s.Condition ?? {}).flatMap((c) => Object.keys(c));
    return exempt.length > 0 && keys.every((k) => k === "aws:PrincipalArn") && exempt.every((arn) => isLogReader(arn));
}

export const phiLogsFenced = stackControl({
    name: "careplane-phi-logs-fenced",
    description:
        "Logs that can hold PHI are read by the break-glass and auditor roles alone: every role a person or CI assumes carries an explicit Deny of reading each PHI-bearing log group (the database's postgresql log, WAF and Redis slow logs, and groups tagged phi), and the buckets holding load-balancer access logs and trail files refuse object reads to everyone but those two roles. (Encryption of every log group is careplane-log-group-encrypted's.)",
    hipaa: ["164.308(a)(3)(ii)(A)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [LOG_GROUP, ROLE, ATTACHMENT, ROLE_POLICY, POLICY, WAF_LOGGING, CACHE, TRAIL, ...BUCKET_TYPES, BUCKET_POLICY],
    check: (resources, report) => {
        const groups = phiLogGroups(resources);
        for (const role of ofType(resources, ROLE).filter(isPeoplesRole)) {
            if (isLogReader(String(role.props.name ?? ""))) continue;
            const statements = documentsOf(resources, role).flatMap((d) => statementsOf(policyDocument(d)));
            const readable = groups.filter((g) => !statements.some((s) => deniesReading(s, g)));
            if (readable.length > 0) {
                report(role, {
                    problem: `a person or CI job assuming it is not denied reading the PHI-bearing log groups ${readable.map((g) => g.props.name ?? g.name).join(", ")}`,
                    expected: `an attached policy with a Deny of ${LOG_READS.join(", ")} on those log groups`,
                });
            }
        }
        const logBuckets = new Set([
            ...logTargets(resources),
            ...ofType(resources, TRAIL)
                .flatMap((t) => referencedBy(t, "s3BucketName"))
                .map((b) => b.urn),
        ]);
        for (const bucket of ofType(resources, ...BUCKET_TYPES).filter((b) => logBuckets.has(b.urn))) {
            const statements = configsOf(resources, bucket, BUCKET_POLICY).flatMap((p) => statementsOf(p.props.policy));
            if (!statements.some((s) => fencesReads(s, bucket))) {
                report(bucket, {
                    problem: "its log files (full URLs, client addresses, data events) can be read by anyone with S3 read permissions",
                    expected:
                        "a bucket policy Deny of s3:GetObject and s3:GetObjectVersion to every principal whose aws:PrincipalArn is not the break-glass or auditor role",
                });
            }
        }
    },
});
