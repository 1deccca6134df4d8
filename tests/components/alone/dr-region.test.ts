import { expect } from "chai";
import { DisasterRecoveryRegion } from "../../../components/backup/dr-region";
import { ACCOUNT, buildAlone, PARTITION } from "../../support/alone";

function drRegion(region: string, stack = "dev", secretReplicas?: boolean) {
    return buildAlone((context) => {
        new DisasterRecoveryRegion("dr", {
            context,
            region,
            allowedAccountId: ACCOUNT,
            accountId: ACCOUNT,
            partition: PARTITION,
            secretReplicas,
        });
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

    it("with secretReplicas, makes a secrets key there too, through the same provider, that only Secrets Manager of that region uses", async () => {
        const built = await drRegion("us-west-2", "prod", true);
        const provider = built.one("pulumi:providers:aws");
        const key = built.ofType("aws:kms/key:Key").find((k) => (k.inputs.tags as Record<string, string>).KeyClass === "secrets")!;
        expect(key.provider).to.equal(provider.urn);
        expect(key.protect).to.equal(true);
        const use = JSON.parse(key.inputs.policy as string).Statement.find((s: { Sid: string }) => s.Sid === "UseThroughNamedServicesOnly");
        expect(use.Condition.StringEquals).to.deep.equal({
            "kms:CallerAccount": ACCOUNT,
            "kms:ViaService": ["secretsmanager.us-west-2.amazonaws.com"],
        });
        expect(built.ofType("aws:kms/alias:Alias").map((a) => a.inputs.name)).to.include("alias/caresync-prod-secrets-dr");
        expect((await drRegion("us-west-2", "prod")).ofType("aws:kms/key:Key")).to.have.length(1);
    });

    it("protects the key in prod only", async () => {
        expect((await drRegion("us-west-2", "prod")).one("aws:kms/key:Key").protect).to.equal(true);
        expect((await drRegion("us-west-2", "dev")).one("aws:kms/key:Key").protect).to.equal(false);
    });
});
