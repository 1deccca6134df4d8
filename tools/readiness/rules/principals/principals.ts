// Every principal a resource policy or trust policy names must exist when AWS reads the policy.
import { PlannedResource } from "../../../engine/plan";
import { ReadinessContext, str } from "../../context";
import { isAccountPrincipal, parsePolicy, principalsOf, serviceLinkedRoleService } from "../../policy";
import { runRule, stackRule } from "../../rule";
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
            const created = createdServiceLinkedRole(ctx, slrService);
            // A stack that does not own its account's singletons must not create it (account/singletons), nor may a
            // pilot light (a service-linked role is global; its primary owns it): the owning stack does, and
            // principals/service-linked-roles-owned checks that across the run.
            if (!created && (ctx.deployment.singletons === false || ctx.deployment.pilotLight)) return undefined;
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

const createdServiceLinkedRole = (ctx: ReadinessContext, service: string) =>
    ctx.ofType(T.serviceLinkedRole).find((s) => s.inputs.awsServiceName === service);

/** The policies of a stack that name principals, parsed, with the error their service answers. */
function policiesNamingPrincipals(ctx: ReadinessContext) {
    return HOLDERS.flatMap(({ type, property, awsError }) =>
        ctx.ofType(type).flatMap((holder) => {
            const doc = parsePolicy(holder.inputs[property]);
            return doc ? [{ holder, doc, awsError }] : [];
        }),
    );
}

export const principalsExist = stackRule(
    {
        id: "principals/exist",
        family: "principals",
        description:
            "Every principal in a key, bucket, vault, topic, secret or trust policy is an AWS service principal, an account, or created in the stack before the policy (a service-linked role only if the stack creates it, or in a stack that does not own its account's singletons, if the owning stack does: principals/service-linked-roles-owned)",
        source: "https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html#KMS-CreateKey-request-Policy",
    },
    (ctx, rule) =>
        policiesNamingPrincipals(ctx).flatMap(({ holder, doc, awsError }) => {
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
);

export const serviceLinkedRolesOwned = runRule(
    {
        id: "principals/service-linked-roles-owned",
        family: "principals",
        description:
            "A service-linked role named by a stack that does not own its account's singletons (or by a pilot light, in its primary's account) is created by the stack that owns them (when the run holds it), which deploys first",
        source: "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html",
    },
    (stacks, rule) =>
        stacks
            .filter((ctx) => ctx.deployment.singletons === false || ctx.deployment.pilotLight)
            .flatMap((ctx) => {
                const owner = stacks.find(
                    (o) => o.account === ctx.account && o.deployment.singletons !== false && !o.deployment.pilotLight,
                );
                if (!owner) return [];
                return policiesNamingPrincipals(ctx).flatMap(({ holder, doc, awsError }) =>
                    [
                        ...new Set(
                            principalsOf(doc)
                                .filter((p) => p.kind === "AWS")
                                .map((p) => serviceLinkedRoleService(p.value))
                                .filter((service): service is string => !!service),
                        ),
                    ]
                        .filter((service) => !createdServiceLinkedRole(ctx, service) && !createdServiceLinkedRole(owner, service))
                        .map((service) =>
                            ctx.finding(rule, holder, {
                                message: `AWS checks every principal when the policy is set, and refuses it: ${service}'s service-linked role is named here, and neither this stack nor ${owner.plan.stack}, which owns account ${ctx.account}'s singletons, creates it`,
                                awsError,
                                fix: `create the service-linked role (aws.iam.ServiceLinkedRole ${service}) in ${owner.plan.stack} and deploy it first, or leave it out of the policy`,
                            }),
                        ),
                );
            }),
);
