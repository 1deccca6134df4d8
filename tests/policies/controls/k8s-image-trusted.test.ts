import { Fixture, specControl } from "../../support/controls";
import { deployment, inEveryOtherWorkload, labels } from "../baselines/compute";

const ecrImage = "123456789012.dkr.ecr.us-east-1.amazonaws.com/caresync/api:1.4.2";
const digest = "@sha256:" + "b".repeat(64);
const inDev = (f: Fixture): Fixture => ({ ...f, inputs: { ...f.inputs, metadata: { ...f.inputs.metadata, labels: labels("dev") } } });
specControl("careplane-k8s-image-trusted", {
    passes: [
        { it: "the stack's ECR repository, by digest, in prod", fixtures: [deployment({}, { image: ecrImage + digest })] },
        {
            it: "a vendor's image on ECR Public, by digest",
            fixtures: [deployment({}, { image: "public.ecr.aws/nginx/nginx-unprivileged:1.29-alpine" + digest })],
        },
        {
            it: "the stack's ECR repository by immutable tag, in dev",
            fixtures: [inDev(deployment({}, { image: ecrImage }))],
            environment: "dev",
        },
        {
            it: "the same pod as a Pod, StatefulSet, DaemonSet, ReplicaSet, Job and CronJob",
            fixtures: inEveryOtherWorkload({}, { image: ecrImage + digest }),
        },
    ],
    fails: [
        {
            it: "an image from GitHub's registry",
            fixtures: [deployment({}, { image: "ghcr.io/caresync/api:1.4.2" + digest })],
            message: 'container api image "ghcr.io/caresync/api:1.4.2@sha256:',
        },
        {
            it: "a Docker Hub image",
            fixtures: [deployment({}, { image: "caresync/api:1.4.2" })],
            message: "comes from a registry outside ECR",
        },
        {
            it: "the stack's ECR repository by tag alone, in prod",
            fixtures: [deployment({}, { image: ecrImage })],
            message: "is not pinned by digest; expected an image reference ending in @sha256:<64 hex digits> in prod",
        },
        {
            it: "a sidecar by tag alone, in prod",
            fixtures: [
                deployment(
                    { initContainers: [{ name: "init", image: "public.ecr.aws/docker/library/busybox:1.37" }] },
                    { image: ecrImage + digest },
                ),
            ],
            message: "container init image",
        },
        ...inEveryOtherWorkload({}, { image: "caresync/api:1.4.2" }).map((w) => ({
            it: `a Docker Hub image in a ${w.inputs.kind}`,
            fixtures: [w],
            message: "comes from a registry outside ECR",
        })),
    ],
});
