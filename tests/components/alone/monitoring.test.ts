import * as k8s from "@pulumi/kubernetes";
import { expect } from "chai";
import { Routing } from "../../../components/compute/ingress";
import { AlarmRoutes } from "../../../components/monitoring/alarm-routes";
import { ClusterMonitoringArgs, Monitoring } from "../../../components/monitoring/monitoring";
import { PlatformContext } from "../../../components/context";
import { StackConfig } from "../../../components/config/stack-config";
import { ACCOUNT, buildAlone, keyArn, PARTITION } from "../../support/alone";

const NAMESPACE = "clinic";

/** Stand-ins for what the EKS cluster hands the monitoring area (tests/fixtures/monitoring-everywhere.ts does the same). */
function clusterStandIn(context: PlatformContext, config: StackConfig, multiAz: boolean): ClusterMonitoringArgs {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
    const admissionReady = new k8s.core.v1.ConfigMap("admission-ready", { metadata: { name: "admission-ready" } }, { provider });
    return {
        provider,
        namespace: NAMESPACE,
        oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`,
        oidcIssuerHost: "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE",
        admissionReady,
        clusterSecurityGroupId: "sg-cluster",
        services: config.services,
        routing: new Routing(context, { ingress: config.compute.ingress, services: config.services }),
        kubernetesVersion: config.compute.kubernetesVersion,
        multiAz,
        receiverSecret: {
            name: "caresync/dev/alertmanager",
            arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:caresync/dev/alertmanager-Ab12Cd`,
        },
    };
}

interface Options {
    replicaIds?: string[];
    cluster?: { multiAz: boolean; grafana?: boolean };
    scrapeInterval?: string;
    targets?: { apiLatencyP95Ms?: number };
}

function monitoring({ replicaIds = [], cluster, scrapeInterval = "30s", targets = {} }: Options) {
    return buildAlone((context, config) => {
        const routes = new AlarmRoutes("alarms", { context, monitoring: config.monitoring, accountId: ACCOUNT, partition: PARTITION });
        new Monitoring("monitoring", {
            context,
            config: { ...config.monitoring, scrapeInterval, targets },
            slaPercent: config.profile.slaPercent,
            routes,
            accountId: ACCOUNT,
            partition: PARTITION,
            secretsKeyArn: keyArn("secrets"),
            cluster: cluster && {
                ...clusterStandIn(context, config, cluster.multiAz),
                grafanaSecret: cluster.grafana
                    ? {
                          name: "caresync/dev/grafana-admin",
                          arn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:caresync/dev/grafana-admin-Ab12Cd`,
                      }
                    : undefined,
            },
            alarms: {
                database: { primaryId: "clinic-db", replicaIds, allocatedStorageGb: 100 },
                cache: { nodeIds: ["clinic-cache-001"] },
            },
        });
    });
}

type Built = Awaited<ReturnType<typeof monitoring>>;
const alarms = (built: Built) => built.ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
const alarmedInstances = (built: Built) =>
    new Set(
        alarms(built)
            .map((a) => (a.inputs.dimensions as Record<string, string> | undefined)?.DBInstanceIdentifier)
            .filter(Boolean),
    );

describe("Monitoring, built alone", () => {
    it("alarms on every database instance it is given, each alarm notifying one of the routes' topics", async () => {
        const none = await monitoring({});
        expect([...alarmedInstances(none)]).to.deep.equal(["clinic-db"]);
        const two = await monitoring({ replicaIds: ["clinic-db-replica-1", "clinic-db-replica-2"] });
        expect([...alarmedInstances(two)]).to.have.members(["clinic-db", "clinic-db-replica-1", "clinic-db-replica-2"]);
        expect(alarms(two).length).to.be.above(alarms(none).length);
        for (const alarm of alarms(two))
            expect((alarm.inputs.alarmActions as string[])[0], alarm.name).to.match(/:topic\/alarms-p\d-[a-z]+$/);
    });

    it("installs no Prometheus stack without a cluster", async () => {
        const built = await monitoring({});
        expect(built.ofType("kubernetes:helm.sh/v3:Release")).to.have.length(0);
    });

    it("in the cluster it is given: scrapes at the configured interval, runs as many replicas as Multi-AZ asks, rules beside the services", async () => {
        for (const [multiAz, scrapeInterval] of [
            [true, "15s"],
            [false, "45s"],
        ] as const) {
            const built = await monitoring({ cluster: { multiAz }, scrapeInterval });
            const release = built.ofType("kubernetes:helm.sh/v3:Release").find((r) => r.name === "monitoring-prometheus")!;
            const spec = (release.inputs.values as any).prometheus.prometheusSpec;
            expect(spec.scrapeInterval).to.equal(scrapeInterval);
            expect(spec.replicas).to.equal(multiAz ? 2 : 1);
            expect(release.provider).to.equal(built.one("pulumi:providers:kubernetes").urn);
            const rules = built.ofType("kubernetes:monitoring.coreos.com/v1:PrometheusRule");
            expect(rules.length).to.be.above(0);
            for (const rule of rules) expect((rule.inputs.metadata as any).namespace, rule.name).to.equal(NAMESPACE);
        }
    });

    it("with a Grafana login, loads the three dashboards with the targets it is given as red lines; without one, none", async () => {
        for (const target of [200, 350]) {
            const built = await monitoring({ cluster: { multiAz: false, grafana: true }, targets: { apiLatencyP95Ms: target } });
            const maps = built
                .ofType("kubernetes:core/v1:ConfigMap")
                .filter((c) => (c.inputs.metadata as any).labels?.grafana_dashboard === "1");
            expect(maps.map((m) => (m.inputs.metadata as any).name)).to.have.members([
                "careplane-sla",
                "careplane-utilization",
                "careplane-database",
            ]);
            const sla = JSON.parse(
                Object.values(maps.find((m) => (m.inputs.metadata as any).name === "careplane-sla")!.inputs.data as object)[0],
            );
            const latency = sla.panels.find((p: any) => p.title.startsWith("Response time"));
            expect(latency.fieldConfig.defaults.thresholds.steps[1].value).to.equal(target / 1000);
        }
        const without = await monitoring({ cluster: { multiAz: false } });
        expect(
            without.ofType("kubernetes:core/v1:ConfigMap").filter((c) => (c.inputs.metadata as any).labels?.grafana_dashboard),
        ).to.deep.equal([]);
    });
});
