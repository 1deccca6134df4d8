import { stackControl } from "../lib/control";
import { REPLICATION_GROUP } from "../lib/elasticache";
import { ofType, referencedBy, Typed } from "../lib/stack";

const USER = "aws:elasticache/user:User";
const USER_GROUP = "aws:elasticache/userGroup:UserGroup";

/** Whether an access string leaves its user enabled: the last `on` or `off` wins, and a user is off unless it says `on`. */
function enabled(accessString: unknown): boolean {
    const switches = String(accessString ?? "")
        .split(/\s+/)
        .filter((r) => r === "on" || r === "off");
    return switches[switches.length - 1] === "on";
}

/** Whether an access string reaches every key (`~*`, `%RW~*`, `%R~*`, `allkeys`), unless reset afterwards. */
function everyKey(accessString: unknown): boolean {
    const rules = String(accessString ?? "").split(/\s+/);
    const last = (match: (r: string) => boolean) => rules.map(match).lastIndexOf(true);
    return last((r) => r === "allkeys" || /^(%R?W?)?~\*$/.test(r)) > last((r) => r === "resetkeys");
}

/** The users of the user groups a replication group names; undefined when a group is not in the stack. */
function usersOf(group: Typed<typeof REPLICATION_GROUP>): Typed<typeof USER>[] | undefined {
    const named: unknown[] = group.props.userGroupIds ?? [];
    const userGroups = ofType(referencedBy(group, "userGroupIds"), USER_GROUP);
    if (userGroups.length < named.length) return undefined;
    return userGroups.flatMap((g) => ofType(referencedBy(g, "userIds"), USER));
}

export const elasticacheRbac = stackControl({
    name: "careplane-elasticache-rbac",
    description:
        "Redis clients authenticate as RBAC users, each limited to its own keys: the replication group names a user group of the stack, whose `default` user is switched off and whose enabled users may not reach every key (no shared AUTH token with full rights).",
    hipaa: ["164.312(a)(1)", "164.312(d)", "164.308(a)(4)(ii)(B)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [REPLICATION_GROUP, USER_GROUP, USER],
    check: (resources, report) => {
        for (const group of ofType(resources, REPLICATION_GROUP)) {
            if (group.props.engine && group.props.engine !== "redis" && group.props.engine !== "valkey") continue;
            if ((group.props.userGroupIds ?? []).length === 0) {
                report(group, {
                    problem: "clients authenticate with one AUTH token (or none), which has every right on every key",
                    expected: "userGroupIds naming an aws.elasticache.UserGroup of per-client users",
                });
                continue;
            }
            const users = usersOf(group);
            if (users === undefined) {
                report(group, {
                    problem: "it names a user group the stack does not declare, so its users cannot be checked",
                    expected: "userGroupIds built from an aws.elasticache.UserGroup in the stack",
                });
                continue;
            }
            const defaults = users.filter((u) => u.props.userName === "default");
            if (defaults.length === 0 || defaults.some((u) => enabled(u.props.accessString))) {
                report(group, {
                    problem:
                        defaults.length === 0 ? "its user group has no replacement `default` user" : "its `default` user is switched on",
                    expected: "a user named default whose access string switches it off (`off -@all`)",
                });
            }
            for (const user of users.filter(
                (u) => u.props.userName !== "default" && enabled(u.props.accessString) && everyKey(u.props.accessString),
            )) {
                report(user, {
                    problem: "it may reach every key in the cache",
                    expected: "a key pattern limited to its own prefix (`~<client>:*`), or none",
                });
            }
        }
    },
});
