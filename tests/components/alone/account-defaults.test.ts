import { expect } from "chai";
import { AccountDefaults } from "../../../components/security/account-defaults";
import { buildAlone } from "../../support/alone";

describe("AccountDefaults, built alone", () => {
    // It takes no config slice: the stack that owns the account's singletons creates it or not (platform.ts).
    it("turns on EBS encryption by default and scanning of every image pushed to the registry, for the account's region", async () => {
        const built = await buildAlone(() => {
            new AccountDefaults("account");
        });
        expect(built.one("aws:ebs/encryptionByDefault:EncryptionByDefault").inputs.enabled).to.equal(true);
        const scanning = built.one("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration").inputs as any;
        expect(scanning.rules).to.deep.equal([
            { scanFrequency: "SCAN_ON_PUSH", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] },
        ]);
        expect(built.resources.filter((r) => r.custom)).to.have.length(2);
    });
});
