import { specControl } from "../../support/controls";
import { api, ctx, deployment } from "../baselines/compute";

specControl("careplane-k8s-read-only-root-filesystem", {
    passes: [{ it: "a read-only root", fixtures: [api] }],
    fails: [
        {
            it: "a writable root",
            fixtures: [deployment({}, ctx({ readOnlyRootFilesystem: false }))],
            message: "container api can write to its root filesystem",
        },
    ],
});
