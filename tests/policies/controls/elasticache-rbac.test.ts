import { aws, Fixture, patch, specControl } from "../../support/controls";
import { cache, cacheInputs, RG } from "../baselines/data";

// RBAC: one user per client, each limited to its keys, the default user switched off.
const USER = "aws:elasticache/user:User";
const USER_GROUP = "aws:elasticache/userGroup:UserGroup";
const redisUser = (name: string, userName: string, accessString: string) =>
    aws(USER, name, { userId: `caresync-prod-redis-${name}`, userName, engine: "redis", accessString }, {}, "prod", "confidential");
const defaultUser = redisUser("default", "default", "off -@all");
const apiUser = redisUser("api", "api", "on ~api:* &api:* +@all -@dangerous -scan");
const exporterUser = redisUser("exporter", "redis-exporter", "on -@all +ping +info");
const rbacFixtures = (users: Fixture[]) => {
    const userGroup = aws(
        USER_GROUP,
        "users",
        { userGroupId: "caresync-prod-redis", engine: "redis", userIds: users.map((u) => u.inputs.userId) },
        { userIds: users },
    );
    const group = aws(
        RG,
        "cache",
        { ...cacheInputs, authToken: undefined, userGroupIds: ["caresync-prod-redis"] },
        { userGroupIds: userGroup },
    );
    delete group.inputs.authToken;
    return [...users, userGroup, group];
};
specControl("careplane-elasticache-rbac", {
    passes: [
        {
            it: "a user per client, each on its own keys, the exporter on none, the default user off",
            fixtures: rbacFixtures([defaultUser, apiUser, exporterUser]),
        },
        {
            it: "a broad user that is switched off",
            fixtures: rbacFixtures([defaultUser, apiUser, redisUser("legacy", "legacy", "off ~* +@all")]),
        },
    ],
    fails: [
        {
            it: "one shared AUTH token",
            fixtures: cache,
            message:
                "cache (aws:elasticache/replicationGroup:ReplicationGroup): clients authenticate with one AUTH token (or none), which has every right on every key",
        },
        {
            it: "a user group the stack does not declare",
            fixtures: patch(cache, "cache", { authToken: undefined, userGroupIds: ["someone-elses-users"] }),
            message: "it names a user group the stack does not declare",
        },
        {
            it: "the default user left on",
            fixtures: rbacFixtures([redisUser("default", "default", "on ~* +@all"), apiUser]),
            message: "cache (aws:elasticache/replicationGroup:ReplicationGroup): its `default` user is switched on",
        },
        {
            it: "no replacement default user",
            fixtures: rbacFixtures([apiUser]),
            message: "its user group has no replacement `default` user",
        },
        {
            it: "a client that may reach every key",
            fixtures: rbacFixtures([defaultUser, redisUser("api", "api", "on ~* +@all")]),
            message: "api (aws:elasticache/user:User): it may reach every key in the cache",
        },
        {
            it: "a client reaching every key through allkeys, switched back on after an off",
            fixtures: rbacFixtures([defaultUser, redisUser("api", "api", "off allkeys +@read on")]),
            message: "api (aws:elasticache/user:User): it may reach every key in the cache",
        },
    ],
});
