import { expect } from "chai";
import { DisasterRecoveryRegion } from "../../../components/backup/dr-region";
import { ACCOUNT, buildAlone, PARTITION } from "../../support/alone";

function drRegion(region: string, stack = "dev") {
    return buildAlone((context) => {
        new DisasterRecoveryRegion("dr", { context, region, allowedAccountId: ACCOUNT, accountId: ACCOUNT, partition: PARTITION });
    }, stack);
}

describe("DisasterRecoveryRegion, built alone", () => {
    it("binds a provider to the region it is given and makes the backups key there, through that provider", async () => {
        for (const region of ["eu-west-1", "us-west-2"]) {
            const built = await drRegion(region);
            const provider = built.one("pulumi:providers:aws");
            expect(provider.inputs.region).to.equal(region);
            const key = built.one("aws:kms/key:Key");
            expect(key.provider).to.equal(provider.urn);
            expect(key.inputs.tags).to.include({ KeyClass: "backups", Region: region, DataClassification: "phi" });
            expect(key.inputs.enableKeyRotation).to.equal(true);
            expect(built.one("aws:kms/alias:Alias").provider).to.equal(provider.urn);
        }
    });

    it("protects the key in prod only", async () => {
        expect((await drRegion("us-west-2", "prod")).one("aws:kms/key:Key").protect).to.equal(true);
        expect((await drRegion("us-west-2", "dev")).one("aws:kms/key:Key").protect).to.equal(false);
    });
});
