import { Finding, resourceControl } from "../lib/control";
import { containerName, containersOf, podSpecOf, podTemplateTypes } from "../lib/kubernetes";

export const k8sPodNoHostAccess = resourceControl({
    name: "careplane-k8s-pod-no-host-access",
    description: "No pod shares the node's network, PID or IPC namespace, mounts a hostPath volume or binds a host port.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: podTemplateTypes,
    check: (props, subject) => {
        const pod = podSpecOf(subject, props);
        const problems: Finding[] = [];
        for (const ns of ["hostNetwork", "hostPID", "hostIPC"] as const) {
            if (pod?.[ns] === true) problems.push({ problem: `the pod sets ${ns}`, expected: `${ns} unset or false` });
        }
        for (const v of pod?.volumes ?? []) {
            if (v.hostPath)
                problems.push({
                    problem: `volume ${v.name} mounts host path ${v.hostPath.path}`,
                    expected: "no hostPath volumes (use emptyDir or a PVC)",
                });
        }
        containersOf(pod).forEach((c, i) => {
            for (const p of c.ports ?? []) {
                if (p.hostPort)
                    problems.push({
                        problem: `${containerName(c, i)} binds host port ${p.hostPort}`,
                        expected: "no hostPort (expose through a Service)",
                    });
            }
        });
        return problems;
    },
});
