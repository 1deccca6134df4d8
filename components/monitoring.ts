import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AlarmTargets, cloudWatchAlarms } from "./alerts/alarms";
import { severityLevels } from "./alerts/catalog";
import { alarmKeyPolicyDocument, alarmTopicPolicyDocument } from "./alerts/notifications";
import { RuleGroup, ruleGroups } from "./alerts/rules";
import {
    kubePrometheusStack,
    kubePrometheusStackValues,
    MONITORING_NAMESPACE,
    RECEIVER_SECRET,
    receiverExternalSecretSpec,
    receiverReaderPolicy,
    RULE_LABELS,
} from "./alerts/stack";
import { serviceAccountTrustPolicy } from "./cluster";
import { standardLabels } from "./workloads";
import { PlatformContext } from "./context";
import { attachPolicy } from "./iam";

/** Without a configured runbook URL, alerts name the runbooks' path in this repository. */
const REPOSITORY_RUNBOOKS = "docs/runbooks.md";

export interface ClusterMonitoringArgs {
    /** The Kubernetes provider of the stack's EKS cluster. */
    provider: k8s.Provider;
    /** The namespace the services run in: their alert rules are declared beside them. */
    namespace: pulumi.Input<string>;
    /** The cluster's IAM OIDC provider, which the receivers' SecretStore role trusts (IRSA). */
    oidcProviderArn: pulumi.Input<string>;
    /** The OIDC issuer URL without its scheme. */
    oidcIssuerHost: pulumi.Input<string>;
    /** What the External Secrets objects wait for: the operator that installs their CRDs. */
    externalSecretsOperator?: pulumi.Resource;
    /** The entry holding Alertmanager's receiver credentials (RECEIVER_ENTRY, with receiverEntryKeys). */
    receiverSecret: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
}

export interface MonitoringArgs {
    context: PlatformContext;
    accountId: pulumi.Input<string>;
    partition: pulumi.Input<string>;
    /** ARN of the KMS key that encrypts the stack's Secrets Manager entries. */
    secretsKeyArn: pulumi.Input<string>;
    /** Where the Prometheus stack goes; absent on ECS stacks, which alert through CloudWatch only. */
    cluster?: ClusterMonitoringArgs;
    /** The AWS resources whose CloudWatch metrics are alarmed on. */
    alarms: AlarmTargets;
}

/**
 * Alerting for one stack: the catalog's rules as PrometheusRule objects in a pinned
 * kube-prometheus-stack with Alertmanager routing by severity, and CloudWatch alarms on the AWS
 * resources' own metrics, notifying a KMS-encrypted SNS topic.
 */
export class Monitoring extends pulumi.ComponentResource {
    readonly alarmTopicArn: pulumi.Output<string>;
    readonly alarmNames: pulumi.Output<string>[];
    readonly ruleGroupNames: string[];

    constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("careplane:monitoring:Monitoring", name, {}, opts);
        const ctx = args.context;

        const topic = this.alarmTopic(name, args);
        this.alarmTopicArn = topic.arn;
        this.alarmNames = cloudWatchAlarms(args.alarms).map(
            (spec) =>
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${spec.key}`,
                    {
                        name: ctx.name(spec.key),
                        alarmDescription: `${severityLevels[spec.severity].priority} ${spec.severity}: ${spec.description} [seed ${spec.sources.join(", ")}]`,
                        namespace: spec.namespace,
                        metricName: spec.metricName,
                        dimensions: spec.dimensions,
                        statistic: spec.statistic,
                        comparisonOperator: spec.comparisonOperator,
                        threshold: spec.threshold,
                        period: spec.period,
                        evaluationPeriods: spec.evaluationPeriods,
                        datapointsToAlarm: spec.datapointsToAlarm,
                        treatMissingData: spec.treatMissingData,
                        actionsEnabled: true,
                        alarmActions: [topic.arn],
                        okActions: [topic.arn],
                        tags: ctx.tags("internal", { Severity: spec.severity }),
                    },
                    { parent: this },
                ).name,
        );

        const groups = ruleGroups(ctx.config.monitoring.runbookBaseUrl ?? REPOSITORY_RUNBOOKS);
        this.ruleGroupNames = args.cluster ? groups.map((g) => g.name) : [];
        if (args.cluster) this.installPrometheusStack(name, args, args.cluster, groups);

        this.registerOutputs({
            alarmTopicArn: this.alarmTopicArn,
            alarmNames: this.alarmNames,
            ruleGroupNames: this.ruleGroupNames,
        });
    }

    /**
     * Ingress into the monitoring namespace is denied by default; its own pods (Prometheus,
     * Alertmanager, Grafana, the operator) reach each other, and the API server reaches the
     * operator's admission webhook. Scraping is egress from here, so it is not affected.
     */
    private fenceNamespace(
        name: string,
        namespace: pulumi.Input<string>,
        labels: Record<string, string>,
        opts: pulumi.CustomResourceOptions,
    ) {
        const meta = (policy: string) => ({ name: policy, namespace, labels });
        new k8s.networking.v1.NetworkPolicy(
            `${name}-default-deny`,
            { metadata: meta("default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress"] } },
            opts,
        );
        new k8s.networking.v1.NetworkPolicy(
            `${name}-allow-same-namespace`,
            {
                metadata: meta("allow-same-namespace"),
                spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] },
            },
            opts,
        );
        new k8s.networking.v1.NetworkPolicy(
            `${name}-allow-operator-webhook`,
            {
                metadata: meta("allow-operator-webhook"),
                spec: {
                    podSelector: { matchLabels: { app: "kube-prometheus-stack-operator" } },
                    policyTypes: ["Ingress"],
                    ingress: [{ ports: [{ protocol: "TCP", port: 10250 }] }],
                },
            },
            opts,
        );
    }

    /**
     * kube-prometheus-stack in its own namespace, Alertmanager's receiver credentials synced from
     * Secrets Manager by a SecretStore that authenticates as a role reading only that entry, and
     * the catalog's rule groups as PrometheusRule objects in the services' namespace.
     */
    private installPrometheusStack(name: string, args: MonitoringArgs, cluster: ClusterMonitoringArgs, groups: RuleGroup[]) {
        const ctx = args.context;
        const config = ctx.config.monitoring;
        const k8sOpts = { parent: this, provider: cluster.provider };
        const labels = standardLabels(ctx, "internal", { "app.kubernetes.io/component": "monitoring" });
        const namespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            {
                metadata: {
                    name: MONITORING_NAMESPACE,
                    // node-exporter reads the host (hostNetwork, hostPID, hostPath): privileged is
                    // enforced here only; every pod still warns and audits against restricted.
                    labels: {
                        "pod-security.kubernetes.io/enforce": "privileged",
                        "pod-security.kubernetes.io/warn": "restricted",
                        "pod-security.kubernetes.io/audit": "restricted",
                        ...labels,
                    },
                },
            },
            k8sOpts,
        );
        const ns = namespace.metadata.name;
        this.fenceNamespace(name, ns, labels, k8sOpts);

        const role = new aws.iam.Role(
            `${name}-receivers-reader`,
            {
                name: ctx.name("alertmanager-receivers"),
                assumeRolePolicy: pulumi.all([cluster.oidcProviderArn, cluster.oidcIssuerHost]).apply(([oidcProviderArn, issuerHost]) =>
                    JSON.stringify(
                        serviceAccountTrustPolicy({
                            oidcProviderArn,
                            issuerHost,
                            namespace: MONITORING_NAMESPACE,
                            serviceAccount: RECEIVER_SECRET,
                        }),
                    ),
                ),
                tags: ctx.tags("confidential"),
            },
            { parent: this },
        );
        attachPolicy(
            `${name}-receivers-reader`,
            ctx,
            role,
            "Alertmanager's receivers: read their own Secrets Manager entry",
            pulumi
                .all([cluster.receiverSecret.arn, args.secretsKeyArn])
                .apply(([secretArn, secretsKeyArn]) =>
                    JSON.stringify(receiverReaderPolicy({ secretArn, secretsKeyArn, region: ctx.config.region })),
                ),
            { parent: this },
        );
        const serviceAccount = new k8s.core.v1.ServiceAccount(
            `${name}-receivers-reader`,
            { metadata: { name: RECEIVER_SECRET, namespace: ns, labels, annotations: { "eks.amazonaws.com/role-arn": role.arn } } },
            k8sOpts,
        );
        const esoOpts = { ...k8sOpts, dependsOn: cluster.externalSecretsOperator ? [cluster.externalSecretsOperator] : [] };
        const store = new k8s.apiextensions.CustomResource(
            `${name}-receivers-store`,
            {
                apiVersion: "external-secrets.io/v1",
                kind: "SecretStore",
                metadata: { name: RECEIVER_SECRET, namespace: ns, labels },
                spec: {
                    provider: {
                        aws: {
                            service: "SecretsManager",
                            region: ctx.config.region,
                            auth: { jwt: { serviceAccountRef: { name: serviceAccount.metadata.name } } },
                        },
                    },
                },
            },
            esoOpts,
        );
        const receivers = new k8s.apiextensions.CustomResource(
            `${name}-receivers`,
            {
                apiVersion: "external-secrets.io/v1",
                kind: "ExternalSecret",
                metadata: { name: RECEIVER_SECRET, namespace: ns, labels },
                spec: pulumi
                    .all([cluster.receiverSecret.name, store.metadata.name])
                    .apply(([secretName, storeName]) => receiverExternalSecretSpec(secretName, storeName)),
            },
            { ...esoOpts, dependsOn: [...esoOpts.dependsOn, store] },
        );
        const release = new k8s.helm.v3.Release(
            `${name}-prometheus`,
            {
                name: "monitoring",
                chart: kubePrometheusStack.chart,
                version: kubePrometheusStack.version,
                repositoryOpts: { repo: kubePrometheusStack.repo },
                namespace: ns,
                atomic: true,
                cleanupOnFail: true,
                maxHistory: 10,
                values: kubePrometheusStackValues({
                    replicas: ctx.config.profile.multiAz ? 2 : 1,
                    email: {
                        to: config.oncallEmail,
                        from: config.senderEmail ?? config.oncallEmail,
                        smarthost: config.smtpSmarthost,
                        username: config.smtpUsername,
                    },
                }),
            },
            { ...k8sOpts, dependsOn: [receivers] },
        );
        for (const group of groups) {
            new k8s.apiextensions.CustomResource(
                `${name}-${group.name}`,
                {
                    apiVersion: "monitoring.coreos.com/v1",
                    kind: "PrometheusRule",
                    metadata: { name: group.name, namespace: cluster.namespace, labels: { ...labels, ...RULE_LABELS } },
                    spec: { groups: [group] },
                },
                { ...k8sOpts, dependsOn: [release] },
            );
        }
    }

    /** The SNS topic every alarm notifies, encrypted with its own key, with the on-call list subscribed. */
    private alarmTopic(name: string, args: MonitoringArgs): aws.sns.Topic {
        const ctx = args.context;
        const key = new aws.kms.Key(
            `${name}-alarms`,
            {
                description: `${ctx.name("alarms")}: encrypts alarm notifications`,
                enableKeyRotation: true,
                rotationPeriodInDays: 365,
                deletionWindowInDays: 30,
                policy: pulumi
                    .all([args.accountId, args.partition])
                    .apply(([accountId, partition]) =>
                        JSON.stringify(
                            alarmKeyPolicyDocument({ accountId, partition, region: ctx.config.region, allowDeletion: !ctx.isProd }),
                        ),
                    ),
                tags: ctx.tags("confidential", { KeyClass: "alarms" }),
            },
            ctx.stateful({ parent: this }),
        );
        new aws.kms.Alias(`${name}-alarms`, { name: `alias/${ctx.name("alarms")}`, targetKeyId: key.keyId }, { parent: this });
        const topic = new aws.sns.Topic(
            `${name}-alarms`,
            { name: ctx.name("alarms"), kmsMasterKeyId: key.arn, tags: ctx.tags("internal") },
            { parent: this },
        );
        new aws.sns.TopicPolicy(
            `${name}-alarms`,
            {
                arn: topic.arn,
                policy: pulumi
                    .all([topic.arn, args.accountId, args.partition])
                    .apply(([arn, accountId, partition]) =>
                        JSON.stringify(alarmTopicPolicyDocument(arn, { accountId, partition, region: ctx.config.region })),
                    ),
            },
            { parent: this },
        );
        new aws.sns.TopicSubscription(
            `${name}-oncall`,
            { topic: topic.arn, protocol: "email", endpoint: ctx.config.monitoring.oncallEmail },
            { parent: this },
        );
        return topic;
    }
}
