import { patch, specControl } from "../../support/controls";
import { appLogs, auditLogs } from "../baselines/audit";

specControl("careplane-log-group-encrypted", {
    passes: [{ it: "log groups under the logs key", fixtures: [appLogs, auditLogs] }],
    fails: [
        {
            it: "a log group without a key",
            fixtures: patch([appLogs], "api-logs", { kmsKeyId: undefined }),
            message: "api-logs (aws:cloudwatch/logGroup:LogGroup): it has no KMS key",
        },
    ],
});
