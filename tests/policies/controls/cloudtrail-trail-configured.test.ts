import { patch, specControl } from "../../support/controls";
import { trail } from "../baselines/audit";

specControl("careplane-cloudtrail-trail-configured", {
    passes: [{ it: "a multi-region, validated, encrypted trail delivering to CloudWatch", fixtures: [trail] }],
    fails: [
        {
            it: "a single-region trail",
            fixtures: patch([trail], "trail", { isMultiRegionTrail: false }),
            message: "trail (aws:cloudtrail/trail:Trail): it records one region only",
        },
        {
            it: "no log file validation",
            fixtures: patch([trail], "trail", { enableLogFileValidation: undefined }),
            message: "log file validation is off",
        },
        {
            it: "no KMS key",
            fixtures: patch([trail], "trail", { kmsKeyId: undefined }),
            message: "its log files are not encrypted with a customer-managed key",
        },
        {
            it: "no CloudWatch delivery",
            fixtures: patch([trail], "trail", { cloudWatchLogsGroupArn: undefined }),
            message: "it does not deliver to CloudWatch Logs",
        },
        { it: "logging switched off", fixtures: patch([trail], "trail", { enableLogging: false }), message: "logging is switched off" },
    ],
});
