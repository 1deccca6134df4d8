import { resourceControl } from "../lib/control";
import { REPLICATION_GROUP } from "../lib/elasticache";

export const elasticacheAuth = resourceControl({
    name: "careplane-elasticache-auth",
    description: "Redis requires clients to authenticate, with an AUTH token (kept in Secrets Manager) or RBAC user groups.",
    hipaa: ["164.312(a)(1)", "164.312(d)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [REPLICATION_GROUP],
    check: (props) => {
        const token = props.authToken ?? props.authTokenWo;
        const groups: unknown[] = props.userGroupIds ?? [];
        if ((typeof token === "string" && token !== "") || groups.length > 0) return undefined;
        return {
            problem: "clients connect without authenticating",
            expected: "authToken (from @pulumi/random, as a secret) or userGroupIds",
        };
    },
});
