import { Finding, resourceControl } from "../lib/control";
import { chartName, helmReleaseTypes } from "../lib/kubernetes";

/**
 * Where an exporter chart takes its login from: the values that name an existing Secret, and those that
 * would write the credential into the values (and so into the release's stored manifest).
 */
interface Login {
    fromSecret: (v: any) => unknown;
    inline: (v: any) => unknown;
    secretKeys: string;
}

/** The exporter charts, with the login of those that need one. */
const exporterCharts: Record<string, { login?: Login }> = {
    "prometheus-postgres-exporter": {
        login: {
            fromSecret: (v) => v.config?.datasource?.passwordSecret?.name || v.config?.datasourceSecret?.name,
            inline: (v) => v.config?.datasource?.password,
            secretKeys: "config.datasource.passwordSecret (or config.datasourceSecret)",
        },
    },
    "prometheus-redis-exporter": {
        login: {
            fromSecret: (v) => v.auth?.enabled === true && (v.auth?.secret?.name || v.auth?.redisPasswordFile?.secret?.name),
            inline: (v) => v.auth?.redisPassword,
            secretKeys: "auth.enabled with auth.secret (or auth.redisPasswordFile.secret)",
        },
    },
    // It probes public endpoints: nothing to log in to.
    "prometheus-blackbox-exporter": {},
};

export const k8sExporterHardened = resourceControl({
    name: "careplane-k8s-exporter-hardened",
    description:
        "A Helm release of an exporter (postgres_exporter, redis_exporter, blackbox_exporter) reads any login from an existing Secret with none in its values, pins its image tag, and runs its container non-root on a read-only root file system without privilege escalation, with CPU and memory limits.",
    hipaa: ["164.308(a)(5)(ii)(D)", "164.312(a)(1)", "164.312(c)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: helmReleaseTypes,
    check: (props) => {
        const chart = exporterCharts[chartName(props.chart)];
        if (!chart) return undefined;
        const values = props.values ?? {};
        const problems: Finding[] = [];
        const login = chart.login;
        if (login?.inline(values)) {
            problems.push({
                problem: "a database or cache credential is written in the chart values",
                expected: "no password in the values; the credential lives in Secrets Manager and reaches the pod through a Secret",
            });
        }
        if (login && !login.fromSecret(values)) {
            problems.push({ problem: "the exporter's login does not come from an existing Secret", expected: login.secretKeys });
        }
        const tag = values.image?.tag;
        if (!tag || tag === "latest") {
            problems.push({
                problem: `the image tag is ${tag ? "latest" : "left to the chart"}, so what runs can change without a reviewed change`,
                expected: "image.tag pinned to a release such as v0.18.1",
            });
        }
        const sc = values.securityContext ?? {};
        const weak = [
            sc.runAsNonRoot !== true && "runAsNonRoot: true",
            sc.readOnlyRootFilesystem !== true && "readOnlyRootFilesystem: true",
            sc.allowPrivilegeEscalation !== false && "allowPrivilegeEscalation: false",
        ].filter((x): x is string => typeof x === "string");
        if (weak.length > 0) {
            problems.push({
                problem: `the container's securityContext lacks ${weak.join(", ")}`,
                expected: "securityContext with all three",
            });
        }
        const missing = ["cpu", "memory"].filter((r) => values.resources?.limits?.[r] === undefined);
        if (missing.length > 0) {
            problems.push({
                problem: `the container has no ${missing.map((r) => `limits.${r}`).join(", ")}`,
                expected: "resources.limits for cpu and memory",
            });
        }
        return problems;
    },
});
