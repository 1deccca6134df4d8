import { isOneOf } from "../lib/resource-types";
import { Finding, stackControl } from "../lib/control";
import { isElbLogDeliveryAccount, PrincipalsConfig, principalsConfigSchema, Trust, trustOf, unpinnedAccount } from "../lib/accounts";
import { list, Statement, statementLabel, statementsOf } from "../lib/policy-document";
import { isAllow, PrincipalRef, principalsOf, tightCondition } from "../lib/principals";
import { BUCKET_POLICY_TYPES, DocumentKind, documentsOf, policyBearingTypes } from "../lib/resource-policies";
import { ofType, StackResource } from "../lib/stack";

const VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const VPC_ENDPOINT_POLICY = "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy";

const ANY_CALLER_EXPECTED =
    "named principals of the stack's account, or a condition holding callers to it: aws:PrincipalAccount, aws:SourceAccount or aws:SourceArn naming the stack's account, aws:PrincipalOrgID of a trusted organization, or aws:SourceVpce of the stack's endpoint";

interface Place {
    resource: StackResource;
    kind: DocumentKind;
    where: string;
}

/**
 * Elastic Load Balancing writing this account's load balancer logs: its regional account, or in
 * regions opened since August 2022 its logdelivery service principal, may PutObject under
 * AWSLogs/<account>/ only. Load balancers write under their own account's id, so that path is
 * what holds the delivery to this account (ELB User Guide, "Enable access logs", bucket policy).
 */
function elbLogDelivery(p: PrincipalRef, s: Statement, place: Place, trust: Trust): boolean {
    const elb =
        (p.kind === "account" && isElbLogDeliveryAccount(p.account)) ||
        (p.kind === "service" && p.text === "logdelivery.elasticloadbalancing.amazonaws.com");
    if (!elb || !isOneOf(BUCKET_POLICY_TYPES, place.resource.type)) return false;
    const onlyPut = s.NotAction === undefined && list(s.Action).every((a) => a === "s3:PutObject");
    const resources = list(s.Resource);
    const ownLogs = resources.length > 0 && resources.every((r) => [...trust.home].some((a) => r.includes(`/AWSLogs/${a}/`)));
    return onlyPut && ownLogs;
}

/**
 * AWS-owned buckets an S3 gateway endpoint must let the stack read whatever its account
 * condition: ECR stores image layers in `prod-<region>-starport-layer-bucket` (Amazon ECR User
 * Guide, "Amazon ECR interface VPC endpoints", minimum Amazon S3 bucket permissions:
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html).
 */
const AWS_OWNED_READS = [/^arn:aws[a-z-]*:s3:::prod-[a-z0-9-]+-starport-layer-bucket\/\*$/];

function readsAwsOwnedBuckets(s: Statement): boolean {
    const resources = list(s.Resource);
    return (
        s.NotAction === undefined &&
        list(s.Action).every((a) => a === "s3:GetObject") &&
        resources.length > 0 &&
        resources.every((r) => AWS_OWNED_READS.some((p) => p.test(r)))
    );
}

function judge(p: PrincipalRef, s: Statement, place: Place, trust: Trust): Finding | undefined {
    const who = `${place.where} admits ${p.text}`;
    switch (p.kind) {
        case "everyone": {
            const endpoint = place.kind === "endpoint";
            if (tightCondition(s, trust, { resourceAccountKeys: endpoint }) || (endpoint && readsAwsOwnedBuckets(s))) return undefined;
            return {
                problem: `${who} (anyone, from any account or none) without a condition holding callers to the stack's account`,
                expected: ANY_CALLER_EXPECTED,
            };
        }
        case "account":
            if (trust.accounts.has(p.account) || elbLogDelivery(p, s, place, trust)) return undefined;
            return {
                problem: `${who}: account ${p.account} is neither the stack's (${[...trust.home].join(", ")}) nor trusted by the pack's configuration`,
                expected:
                    "principals of the stack's account, or an account listed in the pack configuration's trustedAccounts or thirdPartyAccounts",
            };
        case "federated":
            if (p.account !== undefined && trust.home.has(p.account)) return undefined;
            return {
                problem: `${who}, an identity provider that is not an IAM OIDC or SAML provider of the stack's account`,
                expected: "an oidc-provider or saml-provider ARN of the stack's account",
            };
        case "service":
            // In a trust policy, only whoever may pass the role (iam:PassRole) hands it to the service.
            if (place.kind === "trust" || tightCondition(s, trust, { encryptionContextArn: true }) || elbLogDelivery(p, s, place, trust))
                return undefined;
            return {
                problem: `${who} on behalf of any account: no aws:SourceAccount or aws:SourceArn condition (the confused deputy)`,
                expected: "aws:SourceAccount or aws:SourceArn naming the stack's account, as AWS documents for each service principal",
            };
        case "unknown":
            return {
                problem: `${who}, a principal the pack cannot place in an account`,
                expected: "an account, role, service or IAM identity provider ARN",
            };
    }
}

function placesOf(resources: StackResource[]): Array<Place & { document: unknown }> {
    return resources.flatMap((resource) =>
        documentsOf(resource).map(({ property, document, kind }) => ({ resource, kind, document, where: property })),
    );
}

/** A VPC endpoint with no policy has AWS's default one: anyone, every action, every resource. */
function endpointsWithoutPolicy(resources: StackResource[]): StackResource[] {
    const withPolicyResource = new Set(
        ofType(resources, VPC_ENDPOINT_POLICY).flatMap((r) => (r.propertyDependencies?.vpcEndpointId ?? []).map((d) => d.urn)),
    );
    return ofType(resources, VPC_ENDPOINT).filter((r) => r.props.policy === undefined && !withPolicyResource.has(r.urn));
}

export const iamPrincipalsTrusted = stackControl<PrincipalsConfig>({
    name: "careplane-iam-principals-trusted",
    description:
        "Every trust and resource policy (roles, buckets, access points, keys, secrets, vaults, topics, queues, VPC endpoints, file systems, repositories) admits only principals of the stack's account or of accounts the pack's configuration trusts; a wildcard principal only under a condition holding callers to those accounts; a service principal in a resource policy only for the stack's account; and no VPC endpoint is left with AWS's allow-everything default policy.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(i)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: policyBearingTypes,
    configSchema: principalsConfigSchema,
    check: (resources, report, config) => {
        const places = placesOf(resources);
        const endpoints = endpointsWithoutPolicy(resources);
        if (places.length + endpoints.length === 0) return;
        const trust = trustOf(resources, config);
        if (trust.home.size === 0) return report(undefined, unpinnedAccount);
        for (const place of places) {
            statementsOf(place.document).forEach((s, i) => {
                if (!isAllow(s)) return;
                const where = `${place.where} ${statementLabel(s, i)}`;
                for (const p of principalsOf(s, trust)) {
                    const f = judge(p, s, { ...place, where }, trust);
                    if (f) report(place.resource, f);
                }
            });
        }
        for (const endpoint of endpoints) {
            report(endpoint, {
                problem: "it has no endpoint policy, so AWS's default applies: anyone, every action, every resource of any account",
                expected:
                    "an endpoint policy naming the actions the stack needs, held to its account by aws:ResourceAccount (or aws:PrincipalAccount)",
            });
        }
    },
});
