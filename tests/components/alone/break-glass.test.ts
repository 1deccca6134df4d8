import { expect } from "chai";
import { BreakGlass } from "../../../components/access/break-glass";
import { ACCOUNT, buildAlone, documentOf, keyArn, PARTITION } from "../../support/alone";

const bucketArn = (name: string) => `arn:aws:s3:::${name}`;
const BACKUP_ROLE = `arn:aws:iam::${ACCOUNT}:role/backup`;

function breakGlass(users: string[], drRegion?: string) {
    return buildAlone((context) => {
        new BreakGlass("break-glass", {
            context,
            accountId: ACCOUNT,
            partition: PARTITION,
            keyArns: [keyArn("data"), keyArn("logs")],
            bucketKeyArns: [keyArn("data")],
            secretsKeyArn: keyArn("secrets"),
            phiBucketArns: [bucketArn("documents")],
            logBucketArns: [bucketArn("access-logs")],
            backupRoleArn: BACKUP_ROLE,
            users,
            drRegion,
        });
    });
}

describe("BreakGlass, built alone", () => {
    it("is assumed only by the users it is given, with MFA, for at most an hour", async () => {
        const built = await breakGlass(["alice", "bob"]);
        const role = built.one("aws:iam/role:Role");
        expect(role.inputs.name).to.equal("caresync-dev-break-glass");
        expect(role.inputs.maxSessionDuration).to.be.at.most(3600);
        const [statement] = documentOf(role, "assumeRolePolicy").Statement;
        expect(statement.Condition.ArnEquals["aws:PrincipalArn"]).to.deep.equal([
            `arn:aws:iam::${ACCOUNT}:user/alice`,
            `arn:aws:iam::${ACCOUNT}:user/bob`,
        ]);
        expect(statement.Condition.Bool["aws:MultiFactorAuthPresent"]).to.equal("true");
    });

    it("administers the keys, reads the buckets and passes the backup role it is given, in the DR region too when given one", async () => {
        const home = documentOf((await breakGlass(["alice"])).one("aws:iam/policy:Policy"));
        const withDr = documentOf((await breakGlass(["alice"], "us-west-2")).one("aws:iam/policy:Policy"));
        const sid = (doc: any, id: string) => doc.Statement.find((s: any) => s.Sid === id);
        expect(sid(home, "AdministerThisStacksKeys").Resource).to.deep.equal([keyArn("data"), keyArn("logs")]);
        expect(sid(home, "ReadPhiBuckets").Resource).to.include(bucketArn("documents"));
        expect(sid(home, "RestoreJobsRunAsTheBackupRole").Resource).to.equal(BACKUP_ROLE);
        for (const s of home.Statement) expect(s.Condition.Bool["aws:MultiFactorAuthPresent"], s.Sid).to.equal("true");
        const restores = (doc: any) => sid(doc, "RestoreOrCopyRecoveryPoints").Resource as string[];
        expect(restores(home).some((arn) => arn.includes(":us-west-2:"))).to.equal(false);
        expect(restores(withDr).some((arn) => arn.includes(":us-west-2:"))).to.equal(true);
    });
});
