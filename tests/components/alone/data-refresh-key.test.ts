import { expect } from "chai";
import { DataRefreshKey } from "../../../components/security/data-refresh-key";
import { ACCOUNT, buildAlone, documentOf, PARTITION } from "../../support/alone";

const STAGING = "777788889999";
const TEST = "444455556666";

function shareKey(targets: Array<{ environment: "staging" | "test"; account: string }>) {
    return buildAlone((context) => {
        new DataRefreshKey("data-refresh", { context, config: { targets }, accountId: ACCOUNT, partition: PARTITION });
    }, "prod");
}

const principals = (doc: { Statement: Array<{ Principal: { AWS?: string } }> }) =>
    [...new Set(doc.Statement.map((s) => s.Principal.AWS).filter((p): p is string => typeof p === "string"))].sort();

describe("DataRefreshKey, built alone", () => {
    it("makes one rotating, protected key and its alias, admitting the accounts of its config and no other", async () => {
        const built = await shareKey([{ environment: "staging", account: STAGING }]);
        const key = built.one("aws:kms/key:Key");
        expect(key.protect).to.equal(true);
        expect(key.inputs).to.include({
            enableKeyRotation: true,
            description: "caresync-prod-data-refresh: shares scrubbed database snapshots with staging",
        });
        expect(built.one("aws:kms/alias:Alias").inputs.name).to.equal("alias/caresync-prod-data-refresh");
        expect(principals(documentOf(key))).to.deep.equal([`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${STAGING}:root`]);
    });

    it("names each target it is given, with its own statements", async () => {
        const doc = documentOf(
            (
                await shareKey([
                    { environment: "staging", account: STAGING },
                    { environment: "test", account: TEST },
                ])
            ).one("aws:kms/key:Key"),
        );
        expect(principals(doc)).to.deep.equal(
            [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${TEST}:root`, `arn:aws:iam::${STAGING}:root`].sort(),
        );
        const sids = doc.Statement.map((s: { Sid: string }) => s.Sid);
        expect(sids).to.include.members([
            "StagingAccountCopiesSharedSnapshotsThroughRds",
            "StagingAccountGrantsRdsItsCopies",
            "TestAccountCopiesSharedSnapshotsThroughRds",
            "TestAccountGrantsRdsItsCopies",
        ]);
    });
});
