import { expect } from "chai";
import { PlannedResource } from "../tools/engine/plan";
import { longestGapMinutes } from "./support/cron";
import { ofType, planOf, STACKS } from "./support/engine";
import { byUrn, regionOf, selects, StringCondition, tagsOf } from "./support/resources";

// The user's figures: backups kept dev 30 days, test and staging 90, prod 7 years [000] (2557
// days); prod daily points 30 days and monthly 1 year [001]; incremental points 7 days [004];
// RPO 1 h in prod [000, 004], a day elsewhere (daily backups [000]).
const retentionDays: Record<string, number> = { dev: 30, test: 90, staging: 90, prod: 2557 };
const rpoMinutes: Record<string, number> = { dev: 24 * 60, test: 24 * 60, staging: 24 * 60, prod: 60 };
const REGION = "us-east-1";
const DR_REGION = "us-west-2";

/** Types AWS Backup can protect, and whether it keeps them continuously (point-in-time recovery). */
const backupCapable: Record<string, { continuous: boolean }> = {
    "aws:rds/instance:Instance": { continuous: true },
    "aws:rds/cluster:Cluster": { continuous: true },
    "aws:s3/bucket:Bucket": { continuous: true },
    "aws:efs/fileSystem:FileSystem": { continuous: false },
    "aws:dynamodb/table:Table": { continuous: false },
    "aws:ebs/volume:Volume": { continuous: false },
    "aws:ec2/instance:Instance": { continuous: false },
    "aws:docdb/cluster:Cluster": { continuous: false },
    "aws:neptune/cluster:Cluster": { continuous: false },
    "aws:redshift/cluster:Cluster": { continuous: false },
};
/** RDS restores to within about five minutes of now from a continuous backup (AWS's stated bound). */
const CONTINUOUS_RPO_MINUTES = 5;

interface Rule {
    ruleName: string;
    schedule: string;
    startWindow: number;
    enableContinuousBackup: boolean;
    lifecycle: { deleteAfter: number; coldStorageAfter?: number };
    copyActions?: Array<{ destinationVaultArn: string; lifecycle: { deleteAfter: number; coldStorageAfter?: number } }>;
    targetVaultName: string;
}

const rulesOf = (plan: PlannedResource) => plan.inputs.rules as Rule[];
describe("AWS Backup", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("has a vault in each region it keeps backups in, each under a backups key of its region", async () => {
                const plan = await planOf(stack);
                const vaults = ofType(plan, "aws:backup/vault:Vault");
                const regions = vaults.map((v) => regionOf(plan, v, REGION)).sort();
                expect(regions).to.deep.equal(stack === "prod" ? [REGION, DR_REGION] : [REGION]);
                for (const vault of vaults) {
                    const key = vault.dependencies.map((d) => byUrn(plan, d)).find((r) => r?.type === "aws:kms/key:Key");
                    expect(tagsOf(key!).KeyClass, vault.name).to.equal("backups");
                    expect(regionOf(plan, key!, REGION)).to.equal(regionOf(plan, vault, REGION));
                    expect(vault.protect).to.equal(stack === "prod");
                }
            });

            it(`locks the vaults only in prod, so no one shortens a recovery point's retention`, async () => {
                const plan = await planOf(stack);
                const locks = ofType(plan, "aws:backup/vaultLockConfiguration:VaultLockConfiguration");
                if (stack !== "prod") {
                    expect(locks).to.have.length(0);
                    return;
                }
                const vaultNames = ofType(plan, "aws:backup/vault:Vault").map((v) => v.inputs.name);
                expect(locks.map((l) => l.inputs.backupVaultName).sort()).to.deep.equal(vaultNames.sort());
                const retentions = rulesOf(ofType(plan, "aws:backup/plan:Plan")[0]).map((r) => r.lifecycle.deleteAfter);
                for (const lock of locks) {
                    expect(lock.inputs.minRetentionDays).to.equal(Math.min(...retentions));
                    expect(lock.inputs.maxRetentionDays).to.equal(retentionDays.prod);
                    expect(lock.inputs.changeableForDays).to.be.at.least(3);
                }
            });

            it("keeps each rule's recovery points for the user's retention", async () => {
                const rules = rulesOf(ofType(await planOf(stack), "aws:backup/plan:Plan")[0]);
                const kept = Object.fromEntries(rules.map((r) => [r.ruleName, r.lifecycle.deleteAfter]));
                // Continuous (point-in-time) points: RDS's longest automated-backup retention, 35 days, at least the seeds' 7.
                expect(kept).to.deep.equal(
                    stack === "prod"
                        ? { hourly: 35, daily: 30, monthly: 365, yearly: retentionDays.prod }
                        : { daily: retentionDays[stack] },
                );
                for (const r of rules.filter((r) => r.lifecycle.coldStorageAfter !== undefined)) {
                    // AWS Backup keeps cold recovery points at least 90 days.
                    expect(r.lifecycle.deleteAfter - r.lifecycle.coldStorageAfter!, r.ruleName).to.be.at.least(90);
                }
                if (stack === "prod") expect(rules.find((r) => r.ruleName === "yearly")!.lifecycle.coldStorageAfter).to.be.a("number");
            });

            it(
                stack === "prod"
                    ? "owns the databases' automated backups through its continuous rule, which keeps them as long as each instance says"
                    : "leaves the databases' automated backups to RDS: no continuous rule",
                async () => {
                    const plan = await planOf(stack);
                    const rules = rulesOf(ofType(plan, "aws:backup/plan:Plan")[0]);
                    const continuous = rules.filter((r) => r.enableContinuousBackup);
                    const [selection] = ofType(plan, "aws:backup/selection:Selection");
                    const selected = ofType(plan, "aws:rds/instance:Instance").filter((i) => selects(selection, tagsOf(i)));
                    expect(selected, "instances AWS Backup picks").to.not.be.empty;
                    if (stack !== "prod") {
                        expect(continuous).to.deep.equal([]);
                        return;
                    }
                    expect(continuous).to.have.length(1);
                    for (const instance of selected) {
                        expect(instance.inputs.backupRetentionPeriod, instance.name).to.equal(continuous[0].lifecycle.deleteAfter);
                    }
                },
            );

            it("schedules an hourly rule with continuous backup in prod, a daily one elsewhere", async () => {
                const rules = rulesOf(ofType(await planOf(stack), "aws:backup/plan:Plan")[0]);
                const intervals = rules.map((r) => longestGapMinutes([r.schedule]));
                if (stack === "prod") {
                    const hourly = rules.filter((_, i) => intervals[i] === 60);
                    expect(hourly).to.have.length(1);
                    expect(hourly[0].enableContinuousBackup).to.equal(true);
                } else {
                    expect(intervals).to.deep.equal([24 * 60]);
                }
            });

            it("copies every recovery point into the DR region's vault in prod, and nowhere elsewhere", async () => {
                const plan = await planOf(stack);
                const rules = rulesOf(ofType(plan, "aws:backup/plan:Plan")[0]);
                if (stack !== "prod") {
                    expect(rules.every((r) => r.copyActions === undefined)).to.equal(true);
                    return;
                }
                const drVault = ofType(plan, "aws:backup/vault:Vault").find((v) => regionOf(plan, v, REGION) === DR_REGION)!;
                for (const rule of rules) {
                    expect(rule.copyActions, rule.ruleName).to.have.length(1);
                    expect(rule.copyActions![0].destinationVaultArn).to.equal(
                        `arn:aws:backup:${DR_REGION}:123456789012:backup-vault:${drVault.inputs.name}`,
                    );
                    expect(rule.copyActions![0].lifecycle).to.deep.equal(rule.lifecycle);
                }
            });

            it("backs up every PHI store the program creates, found by its tags", async () => {
                const plan = await planOf(stack);
                const [selection] = ofType(plan, "aws:backup/selection:Selection");
                const lockedDays = new Map(
                    ofType(plan, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration").map((l) => [
                        l.inputs.bucket,
                        (l.inputs.rule as { defaultRetention: { days: number } }).defaultRetention.days,
                    ]),
                );
                const stores = plan.resources.filter(
                    (r) => backupCapable[r.type] && tagsOf(r).DataClassification === "phi" && !r.inputs.replicateSourceDb,
                );
                expect(stores.length).to.be.greaterThan(0);
                for (const store of stores) {
                    // A bucket whose every version is write-once for the retention is itself the backup.
                    const selfProtecting =
                        store.inputs.objectLockEnabled === true && (lockedDays.get(store.inputs.bucket) ?? 0) >= retentionDays[stack];
                    if (selfProtecting) continue;
                    expect(tagsOf(store).Backup, `${store.type} ${store.name} must carry Backup: "true"`).to.equal("true");
                    expect(selects(selection, tagsOf(store)), `${store.name} is not picked by the selection`).to.equal(true);
                    expect(regionOf(plan, store, REGION), `${store.name} is outside the plan's region`).to.equal(REGION);
                }
            });

            it("leaves RDS read replicas out (AWS Backup cannot back them up; their primary is)", async () => {
                const plan = await planOf(stack);
                const [selection] = ofType(plan, "aws:backup/selection:Selection");
                for (const replica of ofType(plan, "aws:rds/instance:Instance").filter((r) => r.inputs.replicateSourceDb)) {
                    expect(selects(selection, tagsOf(replica)), replica.name).to.equal(false);
                }
            });

            it("selects by tag with a role AWS Backup alone assumes, limited to backup and restore", async () => {
                const plan = await planOf(stack);
                const [selection] = ofType(plan, "aws:backup/selection:Selection");
                const role = selection.dependencies.map((d) => byUrn(plan, d)).find((r) => r?.type === "aws:iam/role:Role")!;
                const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
                expect(trust.Statement.map((s: any) => s.Principal)).to.deep.equal([{ Service: "backup.amazonaws.com" }]);
                const attached = ofType(plan, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter(
                    (a) => a.inputs.role === `${role.name}-id`,
                );
                expect(attached.map((a) => (a.inputs.policyArn as string).split("/").pop()).sort()).to.deep.equal([
                    "AWSBackupServiceRolePolicyForBackup",
                    "AWSBackupServiceRolePolicyForRestores",
                    "AWSBackupServiceRolePolicyForS3Backup",
                    "AWSBackupServiceRolePolicyForS3Restore",
                ]);
                const inline = ofType(plan, "aws:iam/rolePolicy:RolePolicy").filter((p) => p.dependencies.includes(role.urn));
                expect(inline).to.have.length(0);
            });

            it("tests restores weekly in prod [004], of the tagged databases and buckets", async () => {
                const plan = await planOf(stack);
                const plans = ofType(plan, "aws:backup/restoreTestingPlan:RestoreTestingPlan");
                const selections = ofType(plan, "aws:backup/restoreTestingSelection:RestoreTestingSelection");
                if (stack !== "prod") {
                    expect([...plans, ...selections]).to.have.length(0);
                    return;
                }
                expect(plans).to.have.length(1);
                expect(longestGapMinutes([plans[0].inputs.scheduleExpression as string])).to.equal(7 * 24 * 60);
                expect(selections.map((s) => s.inputs.protectedResourceType).sort()).to.deep.equal(["RDS", "S3"]);
                for (const s of selections) {
                    expect(s.inputs.restoreTestingPlanName).to.equal(plans[0].inputs.name);
                    const conditions = (s.inputs.protectedResourceConditions as { stringEquals: StringCondition[] }).stringEquals;
                    expect(conditions).to.deep.include({ key: "aws:ResourceTag/Backup", value: "true" });
                }
            });

            it("restores the tested database into its own data subnets, behind a security group with no rule in or out", async () => {
                const plan = await planOf(stack);
                const rds = ofType(plan, "aws:backup/restoreTestingSelection:RestoreTestingSelection").filter(
                    (s) => s.inputs.protectedResourceType === "RDS",
                );
                if (stack !== "prod") {
                    expect(rds).to.have.length(0);
                    return;
                }
                expect(rds).to.have.length(1);
                const overrides = rds[0].inputs.restoreMetadataOverrides as Record<string, string>;
                const primary = ofType(plan, "aws:rds/instance:Instance").find((i) => tagsOf(i).DatabaseRole === "primary")!;
                expect(overrides.dbSubnetGroupName, "the primary's own subnet group").to.equal(primary.inputs.dbSubnetGroupName);
                const subnetGroup = ofType(plan, "aws:rds/subnetGroup:SubnetGroup").find(
                    (g) => g.inputs.name === overrides.dbSubnetGroupName,
                )!;
                const dataSubnets = ofType(plan, "aws:ec2/subnet:Subnet").filter((n) => tagsOf(n).Tier === "data");
                expect(dataSubnets.length).to.be.greaterThan(0);
                expect(subnetGroup.inputs.subnetIds).to.have.members(dataSubnets.map((n) => `${n.name}-id`));
                const [groupId, ...more] = JSON.parse(overrides.vpcSecurityGroupIds);
                expect(more).to.deep.equal([]);
                const group = ofType(plan, "aws:ec2/securityGroup:SecurityGroup").find((g) => `${g.name}-id` === groupId)!;
                expect(group.inputs).to.deep.include({ ingress: [], egress: [] });
                const rules = [
                    ...ofType(plan, "aws:ec2/securityGroupRule:SecurityGroupRule"),
                    ...ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
                    ...ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
                ].filter((r) =>
                    [r.inputs.securityGroupId, r.inputs.sourceSecurityGroupId, r.inputs.referencedSecurityGroupId].includes(groupId),
                );
                expect(rules, "no rule names the restore tests' group, from either side").to.deep.equal([]);
            });

            it(`loses at most ${rpoMinutes[stack] / 60} h of data by its schedules`, async () => {
                const rules = rulesOf(ofType(await planOf(stack), "aws:backup/plan:Plan")[0]);
                expect(longestGapMinutes(rules.map((r) => r.schedule))).to.be.at.most(rpoMinutes[stack]);
            });
        });
    }

    it("gives every backed-up PHI store in prod a worst case of at most 1 hour of lost data", async () => {
        const plan = await planOf("prod");
        const [backupPlan] = ofType(plan, "aws:backup/plan:Plan");
        const [selection] = ofType(plan, "aws:backup/selection:Selection");
        const rules = rulesOf(backupPlan);
        // A scheduled job may start as late as its start window; continuous backup has no gaps.
        const snapshotRpo = longestGapMinutes(rules.map((r) => r.schedule)) + Math.max(...rules.map((r) => r.startWindow));
        const continuous = rules.some((r) => r.enableContinuousBackup);
        const stores = plan.resources.filter((r) => backupCapable[r.type] && selects(selection, tagsOf(r)));
        expect(stores.length).to.be.greaterThan(0);
        for (const store of stores) {
            const worst = continuous && backupCapable[store.type].continuous ? CONTINUOUS_RPO_MINUTES : snapshotRpo;
            expect(worst, `${store.type} ${store.name}: worst-case RPO in minutes`).to.be.at.most(60);
        }
    });
});
