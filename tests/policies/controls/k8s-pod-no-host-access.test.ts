import { specControl } from "../../support/controls";
import { api, deployment, inEveryOtherWorkload } from "../baselines/compute";

specControl("careplane-k8s-pod-no-host-access", {
    passes: [
        { it: "a pod in its own namespaces", fixtures: [api] },
        { it: "the same pod as a Pod, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob", fixtures: inEveryOtherWorkload() },
    ],
    fails: [
        { it: "host networking", fixtures: [deployment({ hostNetwork: true })], message: "the pod sets hostNetwork" },
        { it: "the host PID namespace", fixtures: [deployment({ hostPID: true })], message: "the pod sets hostPID" },
        { it: "the host IPC namespace", fixtures: [deployment({ hostIPC: true })], message: "the pod sets hostIPC" },
        {
            it: "a hostPath volume",
            fixtures: [deployment({ volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] })],
            message: "volume docker mounts host path /var/run/docker.sock",
        },
        {
            it: "a host port",
            fixtures: [deployment({}, { ports: [{ containerPort: 8080, hostPort: 8080 }] })],
            message: "container api binds host port 8080",
        },
        ...inEveryOtherWorkload({ hostNetwork: true }).map((w) => ({
            it: `host networking in a ${w.inputs.kind}`,
            fixtures: [w],
            message: "the pod sets hostNetwork",
        })),
    ],
});
