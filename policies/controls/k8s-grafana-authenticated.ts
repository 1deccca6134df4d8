import { PropsOf } from "../lib/resource-types";
import { Finding, resourceControl } from "../lib/control";
import { chartName, helmReleaseTypes } from "../lib/kubernetes";

const isOn = (value: unknown) => value === true || String(value).toLowerCase() === "true";

/**
 * Grafana's values when the release runs Grafana: the grafana chart's own, or kube-prometheus-stack's
 * `grafana` section, which the chart enables unless it says `enabled: false`.
 */
function grafanaValues(props: PropsOf<(typeof helmReleaseTypes)[number]>): any | undefined {
    const values = props.values ?? {};
    const chart = chartName(props.chart);
    if (chart === "grafana") return values;
    if (chart === "kube-prometheus-stack") return values.grafana?.enabled === false ? undefined : (values.grafana ?? {});
    return undefined;
}

export const k8sGrafanaAuthenticated = resourceControl({
    name: "careplane-k8s-grafana-authenticated",
    description:
        "A Helm release that runs Grafana (the grafana chart, or kube-prometheus-stack without grafana.enabled: false) reads its admin login from an existing Secret, sets no admin password in its values (the chart default is public), and allows no anonymous access.",
    hipaa: ["164.308(a)(5)(ii)(D)", "164.312(a)(1)", "164.312(d)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: helmReleaseTypes,
    check: (props) => {
        const grafana = grafanaValues(props);
        if (grafana === undefined) return undefined;
        const env = grafana.env ?? {};
        const problems: Finding[] = [];
        if (!grafana.admin?.existingSecret) {
            problems.push({
                problem:
                    "Grafana's admin login does not come from an existing Secret, so the chart's public default password (or one in the values) applies",
                expected: "admin.existingSecret naming a Secret synced from Secrets Manager",
            });
        }
        if (grafana.adminPassword || env.GF_SECURITY_ADMIN_PASSWORD) {
            problems.push({
                problem: "an admin password is written in the chart values",
                expected: "no adminPassword or env.GF_SECURITY_ADMIN_PASSWORD; the password lives in Secrets Manager",
            });
        }
        if (isOn(grafana["grafana.ini"]?.["auth.anonymous"]?.enabled) || isOn(env.GF_AUTH_ANONYMOUS_ENABLED)) {
            problems.push({
                problem: "anonymous access is on: anyone who reaches Grafana sees its dashboards",
                expected: 'grafana.ini "auth.anonymous".enabled: false',
            });
        }
        return problems;
    },
});
