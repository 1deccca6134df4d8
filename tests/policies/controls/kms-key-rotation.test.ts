import { expect } from "chai";
import { fixturePlan, tagsFor, violationsOfPolicy } from "../../support/engine";

const POLICY = "careplane-kms-key-rotation";
const key = (inputs: Record<string, unknown>) =>
    fixturePlan([{ type: "aws:kms/key:Key", name: "data-key", inputs: { tags: tagsFor("prod"), ...inputs } }]);

describe(POLICY, () => {
    it("passes a symmetric key that rotates yearly", async () => {
        expect(await violationsOfPolicy(POLICY, key({ enableKeyRotation: true, rotationPeriodInDays: 365 }))).to.deep.equal([]);
    });

    it("fails a symmetric key without rotation, naming the key and the fix", async () => {
        const [v, ...rest] = await violationsOfPolicy(POLICY, key({ enableKeyRotation: false }));
        expect(rest).to.have.length(0);
        expect(v.enforcementLevel).to.equal("mandatory");
        expect(v.message).to.contain("data-key (aws:kms/key:Key): automatic key rotation is off");
        expect(v.message).to.contain("expected enableKeyRotation: true");
        expect(v.message).to.contain("164.312(a)(2)(iv)");
    });

    it("fails a key whose rotation flag is missing (a policy sees only what the program passed)", async () => {
        expect(await violationsOfPolicy(POLICY, key({}))).to.have.length(1);
    });

    it("fails a key that rotates less often than yearly", async () => {
        const [v] = await violationsOfPolicy(POLICY, key({ enableKeyRotation: true, rotationPeriodInDays: 730 }));
        expect(v.message).to.contain("rotates every 730 days");
    });

    it("does not ask asymmetric keys to rotate (AWS cannot)", async () => {
        expect(await violationsOfPolicy(POLICY, key({ customerMasterKeySpec: "RSA_4096", keyUsage: "SIGN_VERIFY" }))).to.deep.equal([]);
    });
});
