import { res, specControl } from "../../support/controls";
import { asChart, CHART, RELEASE } from "../baselines/monitoring";

/** Grafana as careplane runs it: the admin login from a synced Secret, no anonymous access. */
const grafana = {
    enabled: true,
    admin: { existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" },
    "grafana.ini": { "auth.anonymous": { enabled: false } },
};
const stack = (values: Record<string, unknown>) =>
    res(RELEASE, "monitoring", { chart: "kube-prometheus-stack", version: "79.5.0", namespace: "monitoring", values });
specControl("careplane-k8s-grafana-authenticated", {
    passes: [
        { it: "kube-prometheus-stack with Grafana off", fixtures: [stack({ grafana: { enabled: false } })] },
        { it: "kube-prometheus-stack with Grafana's admin login from a Secret, anonymous access off", fixtures: [stack({ grafana })] },
        {
            it: "the grafana chart (by repository path) with its admin login from a Secret",
            fixtures: [res(RELEASE, "grafana", { chart: "grafana/grafana", values: { admin: { existingSecret: "grafana-admin" } } })],
        },
        {
            it: "another chart whose values say nothing of Grafana",
            fixtures: [res(RELEASE, "eso", { chart: "external-secrets", values: { adminPassword: "not-grafana" } })],
        },
        { it: "kube-prometheus-stack as a helm.sh/v4 Chart, Grafana's admin login from a Secret", fixtures: [asChart(stack({ grafana }))] },
    ],
    fails: [
        {
            it: "kube-prometheus-stack that leaves Grafana on by default, with the chart's public password",
            fixtures: [stack({})],
            message:
                "monitoring (kubernetes:helm.sh/v3:Release): Grafana's admin login does not come from an existing Secret, so the chart's public default password (or one in the values) applies",
        },
        {
            it: "an admin password in the values beside the Secret",
            fixtures: [stack({ grafana: { ...grafana, adminPassword: "Hospital2024!" } })],
            message: "an admin password is written in the chart values",
        },
        {
            it: "an admin password through Grafana's environment",
            fixtures: [stack({ grafana: { ...grafana, env: { GF_SECURITY_ADMIN_PASSWORD: "Hospital2024!" } } })],
            message: "an admin password is written in the chart values",
        },
        {
            it: "anonymous access on",
            fixtures: [stack({ grafana: { ...grafana, "grafana.ini": { "auth.anonymous": { enabled: true, org_role: "Viewer" } } } })],
            message: "anonymous access is on",
        },
        {
            it: "anonymous access on through Grafana's environment",
            fixtures: [stack({ grafana: { ...grafana, env: { GF_AUTH_ANONYMOUS_ENABLED: "true" } } })],
            message: "anonymous access is on",
        },
        {
            it: "the grafana chart from an OCI registry (helm v4 Chart) without a Secret",
            fixtures: [res(CHART, "grafana", { chart: "oci://ghcr.io/grafana/helm-charts/grafana", values: {} })],
            message: "grafana (kubernetes:helm.sh/v4:Chart): Grafana's admin login does not come from an existing Secret",
        },
        {
            it: "kube-prometheus-stack as a helm.sh/v4 Chart, with the chart's public password",
            fixtures: [asChart(stack({}))],
            message: "monitoring (kubernetes:helm.sh/v4:Chart):",
        },
    ],
});
