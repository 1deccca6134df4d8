// Every principal a resource policy or trust policy names must exist when AWS reads the policy.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { isAccountPrincipal, parsePolicy, principalsOf, serviceLinkedRoleService } from "../../policy";
import { stackRule } from "../../rule";
import { T } from "../aws";
import { isServicePrincipal } from "./service-principals";

/** The policies that name principals, and the error each service answers an invalid one with. */
const HOLDERS: Array<{ type: string; property: string; awsError: string }> = [
    { type: T.key, property: "policy", awsError: "MalformedPolicyDocumentException" },
    { type: T.bucketPolicy, property: "policy", awsError: "MalformedPolicy (Invalid principal in policy)" },
    { type: T.vaultPolicy, property: "policy", awsError: "InvalidParameterValueException" },
    { type: T.topicPolicy, property: "policy", awsError: "InvalidParameter (Policy statement contains an invalid principal)" },
    { type: T.topic, property: "policy", awsError: "InvalidParameter (Policy statement contains an invalid principal)" },
    { type: T.role, property: "assumeRolePolicy", awsError: "MalformedPolicyDocument (Invalid principal in policy)" },
    { type: "aws:secretsmanager/secretPolicy:SecretPolicy", property: "policy", awsError: "MalformedPolicyDocumentException" },
    { type: "aws:efs/fileSystemPolicy:FileSystemPolicy", property: "policy", awsError: "InvalidPolicyException" },
    { type: "aws:ecr/repositoryPolicy:RepositoryPolicy", property: "policy", awsError: "InvalidParameterException" },
];

/** Identity providers that exist without the account creating them. */
const WELL_KNOWN_IDPS = ["cognito-identity.amazonaws.com", "accounts.google.com", "graph.facebook.com", "www.amazon.com"];

function problemWith(ctx: ReadinessContext, holder: PlannedResource, kind: string, value: string): string | undefined {
    if (kind === "*") return undefined;
    if (kind === "Service") return isServicePrincipal(value) ? undefined : `${value} is not an AWS service principal`;
    if (kind === "AWS") {
        if (isAccountPrincipal(value)) return undefined;
        const slrService = serviceLinkedRoleService(value);
        if (slrService) {
            const created = ctx.ofType(T.serviceLinkedRole).find((s) => s.inputs.awsServiceName === slrService);
            if (!created)
                return `${value} is a service-linked role that exists only in accounts that have already used ${slrService}; the stack does not create it`;
            return ctx.graph.waitsFor(holder, created)
                ? undefined
                : `${value} is created by ${created.name}, which this policy does not wait for`;
        }
        const role = ctx.resolve(holder, value, T.role) ?? ctx.resolve(holder, value.split("/").pop(), T.role);
        if (!role) return `${value} is not created by this stack`;
        return ctx.graph.waitsFor(holder, role) ? undefined : `${value} is created by ${role.name}, which this policy does not wait for`;
    }
    if (kind === "Federated") {
        if (WELL_KNOWN_IDPS.includes(value)) return undefined;
        const url = /:oidc-provider\/(.+)$/.exec(value)?.[1];
        const provider =
            ctx.ofType(T.oidcProvider).find((p) => str(p.inputs.url)?.replace(/^https:\/\//, "") === url) ??
            ctx.resolve(holder, value, T.oidcProvider);
        if (!provider) return `${value} is not an identity provider this stack creates`;
        return ctx.graph.waitsFor(holder, provider)
            ? undefined
            : `${value} is created by ${provider.name}, which this policy does not wait for`;
    }
    return undefined;
}

export const principalsExist = stackRule(
    {
        id: "principals/exist",
        family: "principals",
        description:
            "Every principal in a key, bucket, vault, topic, secret or trust policy is an AWS service principal, an account, or created in the stack before the policy (a service-linked role only if the stack creates it)",
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html#KMS-CreateKey-request-Policy",
    },
    (ctx, rule) =>
        HOLDERS.flatMap(({ type, property, awsError }) =>
            ctx.ofType(type).flatMap((holder) => {
                const doc = parsePolicy(holder.inputs[property]);
                if (!doc) return [];
                const problems = [
                    ...new Set(
                        principalsOf(doc)
                            .map((p) => problemWith(ctx, holder, p.kind, p.value))
                            .filter((p): p is string => !!p),
                    ),
                ];
                return problems.map((problem) =>
                    ctx.finding(rule, holder, {
                        message: `AWS checks every principal when the policy is set, and refuses it: ${problem}`,
                        awsError,
                        fix: problem.includes("service-linked role")
                            ? "create it in the stack (aws.iam.ServiceLinkedRole) and make the policy's resource depend on it, or leave it out of the policy"
                            : problem.includes("does not wait")
                              ? "make the resource depend on the principal's resource (dependsOn)"
                              : "name a principal that exists: one the stack creates (and depends on), the account, or an AWS service principal",
                    }),
                );
            }),
        ),
);
