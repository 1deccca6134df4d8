import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { DatabaseRoles, migrationLogin, PasswordLogin, personLogins, serviceLogin } from "../../../components/data/database-roles";
import { ACCOUNT, buildAlone } from "../../support/alone";

function roles(schema: string, logins: PasswordLogin[], people = personLogins) {
    return buildAlone(() => {
        // Stands in for the instance the roles live in.
        const instance = new aws.rds.Instance("db", {
            identifier: "caresync-dev-db",
            instanceClass: "db.t4g.medium",
            engine: "postgres",
            username: "caresync_admin",
        });
        new DatabaseRoles("roles", {
            instance,
            masterSecretArn: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:caresync/dev/database-master`,
            port: 5432,
            databaseName: "caresync",
            schema,
            logins: logins.map((login) => ({ login, password: "stand-in-password" })),
            people,
            reachableThrough: [],
        });
    });
}

describe("DatabaseRoles, built alone", () => {
    it("creates the schema it is given, owned by the migration login, and a login per password login it is given", async () => {
        const built = await roles("clinical", [
            migrationLogin,
            serviceLogin("api", "api/database"),
            serviceLogin("billing", "billing/database"),
        ]);
        const schema = built.one("postgresql:index/schema:Schema");
        expect(schema.inputs).to.include({ name: "clinical", owner: migrationLogin.login, database: "caresync" });
        const names = built.ofType("postgresql:index/role:Role").map((r) => r.inputs.name);
        expect(names).to.include.members([migrationLogin.login, "svc_api", "svc_billing"]);
        for (const r of built.ofType("postgresql:index/role:Role").filter((r) => r.inputs.login)) {
            expect(r.inputs.searchPaths, String(r.inputs.name)).to.deep.equal(["clinical"]);
        }
    });

    it("gives people IAM logins only, and none when it is given none", async () => {
        const names = (built: Awaited<ReturnType<typeof roles>>) => built.ofType("postgresql:index/role:Role").map((r) => r.inputs.name);
        const withPeople = await roles("app", [migrationLogin]);
        for (const person of personLogins) {
            const role = withPeople.ofType("postgresql:index/role:Role").find((r) => r.inputs.name === person.login)!;
            expect(role.inputs.roles, person.login).to.include("rds_iam");
            expect(role.inputs.password, person.login).to.equal(undefined);
        }
        const without = names(await roles("app", [migrationLogin], []));
        for (const person of personLogins) expect(without).to.not.include(person.login);
    });

    it("connects to the instance it is given over verified TLS, and audits every table of the schema", async () => {
        const built = await roles("app", [migrationLogin]);
        const provider = built.one("pulumi:providers:postgresql");
        // A provider's inputs travel as strings.
        expect(provider.inputs).to.include({ sslmode: "verify-full", port: "5432", database: "caresync", username: "caresync_admin" });
        expect(provider.dependencies).to.include(built.one("aws:rds/instance:Instance").urn);
        const audited = built
            .ofType("postgresql:index/grant:Grant")
            .find((g) => g.inputs.role === "rds_pgaudit" && g.inputs.objectType === "table");
        expect(audited?.inputs.schema).to.equal("app");
    });

    it("refuses logins without the migration login, which owns the schema", async () => {
        let failure: unknown;
        await roles("app", [serviceLogin("api", "api/database")]).catch((e) => (failure = e));
        expect(String(failure)).to.include("migration login");
    });
});
