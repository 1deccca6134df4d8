import { expect } from "chai";
import { EncryptionKeys, keyClasses } from "../../../components/security/keys";
import { ACCOUNT, buildAlone, documentOf, PARTITION } from "../../support/alone";

const TRAIL = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/caresync-dev-trail`;
const AUTO_SCALING = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

function keys(stack: string, args: { trailArn?: string; nodeVolumes: boolean }) {
    return buildAlone((context) => {
        new EncryptionKeys("keys", { context, accountId: ACCOUNT, partition: PARTITION, ...args });
    }, stack);
}

const keyOf = (built: Awaited<ReturnType<typeof keys>>, keyClass: string) =>
    built.ofType("aws:kms/key:Key").find((k) => (k.inputs.tags as Record<string, string>).KeyClass === keyClass)!;

describe("EncryptionKeys, built alone", () => {
    it("makes one rotating key and alias per class, protected in prod", async () => {
        for (const stack of ["dev", "prod"]) {
            const built = await keys(stack, { nodeVolumes: false });
            expect(built.ofType("aws:kms/key:Key")).to.have.length(keyClasses.length);
            expect(built.ofType("aws:kms/alias:Alias").map((a) => a.inputs.name)).to.have.members(
                keyClasses.map((c) => `alias/caresync-${stack}-${c}`),
            );
            for (const key of built.ofType("aws:kms/key:Key")) {
                expect(key.inputs.enableKeyRotation).to.equal(true);
                expect(key.protect, `${stack} ${key.name}`).to.equal(stack === "prod");
            }
        }
    });

    it("lets the trail it is given use the logs key, and Auto Scaling use the data key when nodes' volumes need it", async () => {
        const plain = await keys("dev", { nodeVolumes: false });
        const wired = await keys("dev", { nodeVolumes: true, trailArn: TRAIL });
        const mentions = (built: typeof plain, keyClass: string, text: string) =>
            JSON.stringify(documentOf(keyOf(built, keyClass))).includes(text);
        expect(mentions(plain, "logs", TRAIL)).to.equal(false);
        expect(mentions(wired, "logs", TRAIL)).to.equal(true);
        expect(mentions(plain, "data", AUTO_SCALING)).to.equal(false);
        expect(mentions(wired, "data", AUTO_SCALING)).to.equal(true);
        // The account it is given, not the stack file's, is the one the policies name.
        expect(mentions(plain, "data", `arn:aws:iam::${ACCOUNT}:root`)).to.equal(true);
    });
});
