import { patch, specControl } from "../../support/controls";
import { cluster } from "../baselines/compute";

specControl("careplane-eks-secrets-encryption", {
    passes: [{ it: "secrets under the cluster key", fixtures: [cluster] }],
    fails: [
        {
            it: "no encryption config",
            fixtures: patch([cluster], "cluster", { encryptionConfig: undefined }),
            message: "Kubernetes secrets are not envelope-encrypted",
        },
        {
            it: "a config without a key",
            fixtures: patch([cluster], "cluster", { encryptionConfig: { resources: ["secrets"], provider: {} } }),
            message: 'expected encryptionConfig { resources: ["secrets"]',
        },
    ],
});
