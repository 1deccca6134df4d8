import { patch, specControl } from "../../support/controls";
import { aurora, dbs } from "../baselines/data";

specControl("careplane-rds-storage-encrypted", {
    passes: [
        { it: "storage and Performance Insights under the data key", fixtures: dbs },
        { it: "an Aurora cluster under the data key", fixtures: [aurora] },
    ],
    fails: [
        {
            it: "unencrypted storage",
            fixtures: patch(dbs, "db", { storageEncrypted: false }),
            message: "db (aws:rds/instance:Instance): storage is not encrypted",
        },
        {
            it: "encryption without a customer-managed key",
            fixtures: patch(dbs, "db", { kmsKeyId: undefined }),
            message: "storage has no customer-managed KMS key",
        },
        {
            it: "Performance Insights without a key",
            fixtures: patch(dbs, "db", { performanceInsightsKmsKeyId: undefined }),
            message: "Performance Insights data has no customer-managed KMS key",
        },
        {
            it: "unencrypted Aurora storage",
            fixtures: patch([aurora], "aurora", { storageEncrypted: false }),
            message: "aurora (aws:rds/cluster:Cluster): storage is not encrypted",
        },
    ],
});
