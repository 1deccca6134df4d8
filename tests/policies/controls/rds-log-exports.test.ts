import { patch, specControl } from "../../support/controls";
import { aurora, dbs, replica } from "../baselines/data";

specControl("careplane-rds-log-exports", {
    passes: [
        { it: "postgresql and upgrade logs exported", fixtures: [...dbs, replica] },
        { it: "an Aurora cluster exporting its postgresql log", fixtures: [aurora] },
    ],
    fails: [
        {
            it: "no exports",
            fixtures: patch(dbs, "db", { enabledCloudwatchLogsExports: undefined }),
            message: "it does not export postgresql, upgrade logs",
        },
        {
            it: "the upgrade log missing",
            fixtures: patch(dbs, "db", { enabledCloudwatchLogsExports: ["postgresql"] }),
            message: "it does not export upgrade logs; expected enabledCloudwatchLogsExports including postgresql, upgrade for postgres",
        },
        {
            it: "an Aurora cluster exporting nothing",
            fixtures: patch([aurora], "aurora", { enabledCloudwatchLogsExports: [] }),
            message: "aurora (aws:rds/cluster:Cluster): it does not export postgresql logs",
        },
    ],
});
