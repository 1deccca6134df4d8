import { patch, specControl } from "../../support/controls";
import { cache } from "../baselines/data";

specControl("careplane-elasticache-auth", {
    passes: [
        { it: "an AUTH token", fixtures: cache },
        { it: "RBAC user groups", fixtures: patch(cache, "cache", { authToken: undefined, userGroupIds: ["app-users"] }) },
    ],
    fails: [
        {
            it: "no AUTH token and no user group",
            fixtures: patch(cache, "cache", { authToken: undefined }),
            message: "clients connect without authenticating",
        },
    ],
});
