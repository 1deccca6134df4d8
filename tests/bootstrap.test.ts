// The bootstrap project (bootstrap/): what an empty account needs before the first in-VPC CI job.
import { expect } from "chai";
import * as path from "path";
import { ciRoleDocuments } from "../components/security/ci-roles";
import { parseStackConfig } from "../components/config/stack-config";
import { EVIDENCE_RETENTION_DAYS } from "../bootstrap/evidence";
import { runProgram } from "../tools/engine/program";
import { readStackFile } from "../tools/engine/stack-files";
import { ofType, ROOT } from "./support/engine";

const BOOTSTRAP = path.join(ROOT, "bootstrap");

describe("bootstrap: an empty account before careplane's first CI job", function () {
    this.timeout(120000);

    it("creates the GitHub OIDC provider, the S3 account public access block, prod's three CI roles as the functions write them, the GitHub connection and a 6-year evidence bucket", async () => {
        const plan = await runProgram(readStackFile(BOOTSTRAP, "prod"), path.join(BOOTSTRAP, "index.ts"));
        const [oidc] = ofType(plan, "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        expect(oidc.inputs).to.deep.include({ url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"] });
        expect(ofType(plan, "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock")[0].inputs).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        const prod = readStackFile(ROOT, "prod");
        const documents = ciRoleDocuments(parseStackConfig(prod.config, prod.file));
        const roles = ofType(plan, "aws:iam/role:Role");
        expect(roles.map((r) => r.inputs.name)).to.have.members(documents.map((d) => d.name));
        for (const d of documents) {
            const role = roles.find((r) => r.inputs.name === d.name)!;
            expect(JSON.parse(role.inputs.assumeRolePolicy as string)).to.deep.equal(d.trust);
            expect(role.inputs.maxSessionDuration).to.equal(d.maxSessionDuration);
        }
        const providers = plan.resources.filter((r) => r.type === "pulumi:providers:aws");
        expect(providers.map((p) => JSON.parse(p.inputs.allowedAccountIds as string))).to.deep.equal([["123456789012"]]);
        expect(ofType(plan, "aws:codebuild/sourceCredential:SourceCredential")[0].inputs).to.include({
            authType: "CODECONNECTIONS",
            serverType: "GITHUB",
        });
        const lock = ofType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")[0].inputs as any;
        expect(lock.rule.defaultRetention).to.deep.equal({ mode: "COMPLIANCE", days: EVIDENCE_RETENTION_DAYS });
        expect(EVIDENCE_RETENTION_DAYS).to.be.at.least(6 * 365);
    });
});
