import { aws, patch, specControl } from "../../support/controls";
import { appLogs, auditLogs, LOG_GROUP } from "../baselines/audit";

specControl("careplane-log-group-retention", {
    passes: [
        { it: "30-day application logs and 1-year audit logs in prod", fixtures: [appLogs, auditLogs] },
        {
            it: "30-day audit logs in dev",
            fixtures: [
                aws(
                    LOG_GROUP,
                    "flow-logs",
                    {
                        retentionInDays: 30,
                        tags: { Environment: "dev", DataClassification: "internal", Owner: "platform-team", LogClass: "audit" },
                    },
                    {},
                    "dev",
                ),
            ],
            environment: "dev",
        },
    ],
    fails: [
        {
            it: "no retention (kept forever, never reviewed)",
            fixtures: patch([appLogs], "api-logs", { retentionInDays: undefined }),
            message: "it keeps events forever or has no retention set",
        },
        {
            it: "14-day application logs",
            fixtures: patch([appLogs], "api-logs", { retentionInDays: 14 }),
            message: "it keeps events 14 days; expected at least 30 days for prod application logs",
        },
        {
            it: "90-day audit logs in prod",
            fixtures: patch([auditLogs], "flow-logs", { retentionInDays: 90 }),
            message: "at least 365 days for prod audit logs",
        },
    ],
});
