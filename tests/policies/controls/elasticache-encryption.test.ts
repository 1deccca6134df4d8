import { patch, specControl } from "../../support/controls";
import { cache } from "../baselines/data";

specControl("careplane-elasticache-encryption", {
    passes: [{ it: "TLS required and at-rest encryption under the data key", fixtures: cache }],
    fails: [
        {
            it: "at-rest encryption off",
            fixtures: patch(cache, "cache", { atRestEncryptionEnabled: false }),
            message: "cache (aws:elasticache/replicationGroup:ReplicationGroup): data at rest is not encrypted",
        },
        {
            it: "no customer-managed key",
            fixtures: patch(cache, "cache", { kmsKeyId: undefined }),
            message: "it has no customer-managed KMS key",
        },
        {
            it: "TLS off",
            fixtures: patch(cache, "cache", { transitEncryptionEnabled: undefined }),
            message: "connections are not encrypted in transit",
        },
        {
            it: "TLS only preferred",
            fixtures: patch(cache, "cache", { transitEncryptionMode: "preferred" }),
            message: "clients may still connect without TLS",
        },
    ],
});
