import { expect } from "chai";
import { AnalyticsAccess } from "../../../components/access/analytics-role";
import { buildAlone, documentOf, PARTITION } from "../../support/alone";

// An account other than the stack file's (111122223333): the role must take the one it is handed.
const OTHER_ACCOUNT = "210987654321";

describe("AnalyticsAccess, built alone", () => {
    it("is assumed from the account it is given, with MFA only, under the stack's name and tags", async () => {
        const built = await buildAlone((context) => {
            new AnalyticsAccess("analytics", { context, accountId: OTHER_ACCOUNT, partition: PARTITION });
        });
        const role = built.one("aws:iam/role:Role");
        expect(role.inputs.name).to.equal("caresync-dev-analytics");
        const [statement] = documentOf(role, "assumeRolePolicy").Statement;
        expect(statement.Principal).to.deep.equal({ AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` });
        expect(statement.Condition.Bool["aws:MultiFactorAuthPresent"]).to.equal("true");
        expect(role.inputs.tags).to.include({ Environment: "dev", Owner: "platform-team", ManagedBy: "pulumi" });
    });
});
