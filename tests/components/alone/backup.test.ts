import { expect } from "chai";
import { Backup, restoreTestedTypes } from "../../../components/backup/backup";
import { BackupConfig } from "../../../components/config/schema/backup";
import { ACCOUNT, buildAlone, drRegionAlone, keyArn, PARTITION } from "../../support/alone";

interface Options {
    stack?: string;
    changes?: Partial<BackupConfig>;
    pointInTimeRecoveryDays?: number;
    drRegion?: string;
}

function backup({ stack = "dev", changes = {}, pointInTimeRecoveryDays = 7, drRegion }: Options) {
    return buildAlone((context, config) => {
        const dr = drRegion ? drRegionAlone(context, drRegion) : undefined;
        new Backup("backup", {
            context,
            backupsKeyArn: keyArn("backups"),
            partition: PARTITION,
            accountId: ACCOUNT,
            pointInTimeRecoveryDays,
            dr,
            config: { ...config.backup, ...changes },
            restoreNetwork: { vpcId: "vpc-0123", dbSubnetGroupName: "caresync-dev-db" },
        });
    }, stack);
}

const rules = (built: Awaited<ReturnType<typeof backup>>) => built.one("aws:backup/plan:Plan").inputs.rules as any[];

describe("Backup, built alone", () => {
    it("keeps daily recovery points for the retention it is given, in a vault encrypted with the backups key", async () => {
        for (const retentionDays of [45, 120]) {
            const built = await backup({ changes: { retentionDays } });
            const daily = rules(built).find((r) => r.ruleName === "daily");
            expect(daily.lifecycle.deleteAfter).to.equal(retentionDays);
            expect(built.one("aws:backup/vault:Vault").inputs.kmsKeyArn).to.equal(keyArn("backups"));
        }
    });

    it("registers a weekly restore-testing plan for RDS and S3 when restoreTesting is on, and none when off", async () => {
        const on = await backup({ changes: { restoreTesting: true } });
        expect(on.ofType("aws:backup/restoreTestingPlan:RestoreTestingPlan")).to.have.length(1);
        expect(
            on.ofType("aws:backup/restoreTestingSelection:RestoreTestingSelection").map((s) => s.inputs.protectedResourceType),
        ).to.have.members([...restoreTestedTypes]);
        const off = await backup({ changes: { restoreTesting: false } });
        expect(off.ofType("aws:backup/restoreTestingPlan:RestoreTestingPlan")).to.have.length(0);
    });

    it("restores databases into the stack's DB subnet group behind a security group that admits and reaches nothing", async () => {
        const built = await backup({ changes: { restoreTesting: true } });
        const group = built.one("aws:ec2/securityGroup:SecurityGroup");
        expect(group.inputs).to.deep.include({ vpcId: "vpc-0123", ingress: [], egress: [] });
        const selections = built.ofType("aws:backup/restoreTestingSelection:RestoreTestingSelection");
        const rds = selections.find((s) => s.inputs.protectedResourceType === "RDS")!;
        const overrides = rds.inputs.restoreMetadataOverrides as Record<string, string>;
        expect(overrides.dbSubnetGroupName).to.equal("caresync-dev-db");
        expect(JSON.parse(overrides.vpcSecurityGroupIds)).to.deep.equal([`${group.name}-id`]);
        expect(rds.propertyDependencies.restoreMetadataOverrides, "built from the group itself").to.include(group.urn);
        const s3 = selections.find((s) => s.inputs.protectedResourceType === "S3")!;
        expect(s3.inputs.restoreMetadataOverrides, "a bucket restores into a new bucket: no network").to.equal(undefined);
    });

    it("selects only this stack's resources tagged for backup", async () => {
        const [condition] = (await backup({})).one("aws:backup/selection:Selection").inputs.conditions as any[];
        expect(condition.stringEquals).to.deep.include.members([
            { key: "aws:ResourceTag/Backup", value: "true" },
            { key: "aws:ResourceTag/Environment", value: "dev" },
            { key: "aws:ResourceTag/Application", value: "caresync" },
        ]);
    });

    it("in prod: keeps points in time for the days it is given, locks the vault in COMPLIANCE mode, protects it, copies to the DR vault", async () => {
        const built = await backup({
            stack: "prod",
            changes: { objectLockMode: "COMPLIANCE" },
            pointInTimeRecoveryDays: 21,
            drRegion: "us-west-2",
        });
        const continuous = rules(built).find((r) => r.enableContinuousBackup);
        expect(continuous.lifecycle.deleteAfter).to.equal(21);
        const vaults = built.ofType("aws:backup/vault:Vault");
        expect(vaults).to.have.length(2);
        for (const vault of vaults) expect(vault.protect, vault.name).to.equal(true);
        expect(built.ofType("aws:backup/vaultLockConfiguration:VaultLockConfiguration")).to.have.length(2);
        const drVault = vaults.find((v) => v.provider === built.one("pulumi:providers:aws").urn)!;
        expect(drVault, "a vault in the DR region").to.not.equal(undefined);
        for (const rule of rules(built)) expect(rule.copyActions[0].destinationVaultArn, rule.ruleName).to.include(":us-west-2:");
    });

    it("locks no vault in GOVERNANCE mode and copies nowhere without a DR region", async () => {
        const built = await backup({ changes: { objectLockMode: "GOVERNANCE" } });
        expect(built.ofType("aws:backup/vaultLockConfiguration:VaultLockConfiguration")).to.have.length(0);
        expect(built.ofType("aws:backup/vault:Vault")).to.have.length(1);
        for (const rule of rules(built)) expect(rule.copyActions ?? [], rule.ruleName).to.have.length(0);
    });
});
