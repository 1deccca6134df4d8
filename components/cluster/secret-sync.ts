import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountTrustPolicy } from "../security/trust-policies";

/** The cluster's IAM OIDC provider, which every IRSA role trusts. */
export interface ClusterIdentity {
    oidcProviderArn: pulumi.Input<string>;
    /** The OIDC issuer URL without its scheme, as IAM condition keys spell it. */
    oidcIssuerHost: pulumi.Input<string>;
}

export interface IrsaServiceAccountArgs {
    cluster: ClusterIdentity;
    namespace: pulumi.Input<string>;
    /** The service account's name: the role trusts exactly this account in exactly this namespace. */
    serviceAccount: string;
    labels: Record<string, string>;
    /** The role's own arguments besides its trust policy (name, description, tags). */
    role: Omit<aws.iam.RoleArgs, "assumeRolePolicy">;
}

/** An IAM role that one Kubernetes service account, and no other, assumes through the cluster's OIDC provider (IRSA). */
export function irsaRole(name: string, args: Omit<IrsaServiceAccountArgs, "labels">, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    return new aws.iam.Role(
        name,
        {
            ...args.role,
            assumeRolePolicy: pulumi
                .all([args.cluster.oidcProviderArn, args.cluster.oidcIssuerHost, args.namespace])
                .apply(([oidcProviderArn, issuerHost, namespace]) =>
                    JSON.stringify(
                        serviceAccountTrustPolicy({ oidcProviderArn, issuerHost, namespace, serviceAccount: args.serviceAccount }),
                    ),
                ),
        },
        opts,
    );
}

/**
 * An IRSA role (irsaRole) and its service account, annotated with the role and mounting no token of its own
 * (whoever needs one asks for it).
 */
export function irsaServiceAccount(
    names: { role: string; serviceAccount: string },
    args: IrsaServiceAccountArgs,
    opts: { aws: pulumi.CustomResourceOptions; k8s: pulumi.CustomResourceOptions },
): { role: aws.iam.Role; serviceAccount: k8s.core.v1.ServiceAccount } {
    const role = irsaRole(names.role, args, opts.aws);
    const serviceAccount = new k8s.core.v1.ServiceAccount(
        names.serviceAccount,
        {
            metadata: {
                name: args.serviceAccount,
                namespace: args.namespace,
                labels: args.labels,
                annotations: { "eks.amazonaws.com/role-arn": role.arn },
            },
            automountServiceAccountToken: false,
        },
        opts.k8s,
    );
    return { role, serviceAccount };
}

export interface SecretSyncArgs {
    namespace: pulumi.Input<string>;
    labels: Record<string, string>;
    /** The region whose Secrets Manager holds the entries. */
    region: string;
    /** The IRSA service account the store authenticates as (irsaServiceAccount): it reads what its role may read. */
    serviceAccount: k8s.core.v1.ServiceAccount;
    /** The store's name. */
    storeName: string;
    /** The ExternalSecret's metadata besides its namespace, and its spec, given the store's name. */
    externalSecret: {
        metadata: { name: string; labels: Record<string, string> };
        spec: (storeName: pulumi.Output<string>) => pulumi.Input<Record<string, unknown>>;
    };
    /** The External Secrets Operator, whose CRDs both objects need. */
    operator?: pulumi.Resource;
}

/** A SecretStore that authenticates as one IRSA service account, and the ExternalSecret that syncs through it. */
export function secretSync(
    names: { store: string; externalSecret: string },
    args: SecretSyncArgs,
    opts: pulumi.CustomResourceOptions,
): k8s.apiextensions.CustomResource {
    const dependsOn = [...(args.operator ? [args.operator] : []), args.serviceAccount];
    const store = new k8s.apiextensions.CustomResource(
        names.store,
        {
            apiVersion: "external-secrets.io/v1",
            kind: "SecretStore",
            metadata: { name: args.storeName, namespace: args.namespace, labels: args.labels },
            spec: {
                provider: {
                    aws: {
                        service: "SecretsManager",
                        region: args.region,
                        auth: { jwt: { serviceAccountRef: { name: args.serviceAccount.metadata.name } } },
                    },
                },
            },
        },
        { ...opts, dependsOn },
    );
    return new k8s.apiextensions.CustomResource(
        names.externalSecret,
        {
            apiVersion: "external-secrets.io/v1",
            kind: "ExternalSecret",
            metadata: { ...args.externalSecret.metadata, namespace: args.namespace },
            spec: args.externalSecret.spec(store.metadata.name),
        },
        { ...opts, dependsOn: [...dependsOn, store] },
    );
}
