// The pack (a package of its own, published apart from the program) keeps its own copy of the
// per-environment floors. The program's profiles may be stricter, never weaker: a stack the config
// accepts must not be one the pack then rejects for a figure the config chose by default.
import { expect } from "chai";
import { environments as programEnvironments, profiles, SEVEN_YEARS_DAYS as programSevenYears } from "../../components/config/profiles";
import { RDS_MAX_BACKUP_RETENTION_DAYS } from "../../components/config/schema/database";
import * as floors from "../../policies/lib/minimums";

describe("the pack's floors and the program's profiles", () => {
    it("name the same environments, in the same order", () => {
        expect([...floors.environments]).to.deep.equal([...programEnvironments]);
    });

    it("count seven years the same way", () => {
        expect(floors.SEVEN_YEARS_DAYS).to.equal(programSevenYears);
    });

    for (const env of programEnvironments) {
        describe(env, () => {
            const profile = profiles[env];

            it("keeps backups exactly as long as the pack demands", () => {
                expect(profile.backupRetentionDays).to.equal(floors.backupRetentionDays[env]);
            });

            it("has the pack's recovery point objective", () => {
                expect(profile.rpoHours).to.equal(floors.rpoHours[env]);
            });

            it("keeps application and audit logs as long as the pack demands", () => {
                expect(profile.logRetentionDays).to.equal(floors.logRetentionDays[env].application);
                expect(profile.auditLogRetentionDays).to.equal(floors.logRetentionDays[env].audit);
            });

            it("runs Multi-AZ exactly where the pack demands high availability", () => {
                expect(profile.multiAz).to.equal(floors.highAvailability[env]);
            });

            it("refuses a cache snapshot retention the pack would reject", () => {
                expect(profile.cache.snapshotRetentionDays.minimum).to.be.at.least(floors.cacheSnapshotRetentionDays[env]);
                expect(profile.cache.snapshotRetentionDays.default).to.be.at.least(floors.cacheSnapshotRetentionDays[env]);
            });

            it("defaults RDS automated backups to no less than the pack's floor", () => {
                const programFloor = Math.min(profile.backupRetentionDays, RDS_MAX_BACKUP_RETENTION_DAYS);
                expect(programFloor).to.be.at.least(floors.rdsBackupRetentionDays[env]);
            });
        });
    }
});
