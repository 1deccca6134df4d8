import { expect } from "chai";
import { keyClasses, keyPolicyDocument } from "../components/security/keys";
import * as path from "path";
import { mockArn } from "../tools/engine/mocks";
import { ofType, planOf, ROOT } from "./support/engine";

const mockArnOf = (r: { type: string; name: string }) => mockArn(r.type, r.name);

describe("EncryptionKeys", () => {
    it("creates one rotating customer-managed key and alias per data class", async () => {
        const plan = await planOf("prod");
        const ofKeys = (type: string) => ofType(plan, type).filter((r) => r.parent.endsWith("careplane:security:EncryptionKeys::keys"));
        const keys = ofKeys("aws:kms/key:Key");
        expect(keys.map((k) => (k.inputs.tags as Record<string, string>).KeyClass).sort()).to.deep.equal([...keyClasses].sort());
        for (const k of keys) expect(k.inputs).to.include({ enableKeyRotation: true, rotationPeriodInDays: 365, deletionWindowInDays: 30 });
        const aliases = ofKeys("aws:kms/alias:Alias").map((a) => a.inputs.name);
        expect(aliases.sort()).to.deep.equal(keyClasses.map((c) => `alias/caresync-prod-${c}`).sort());
    });

    it("protects prod keys from deletion in Pulumi; dev keys are not", async () => {
        for (const k of ofType(await planOf("prod"), "aws:kms/key:Key")) expect(k.protect, k.name).to.equal(true);
        for (const k of ofType(await planOf("dev"), "aws:kms/key:Key")) expect(k.protect, k.name).to.equal(false);
    });

    it("writes the key policy the program passes, naming the services that may use each key", async () => {
        const plan = await planOf("prod");
        const logsKey = ofType(plan, "aws:kms/key:Key").find((k) => k.name === "keys-logs")!;
        const policy = JSON.parse(logsKey.inputs.policy as string);
        const logsService = policy.Statement.find((s: any) => s.Principal.Service === "logs.us-east-1.amazonaws.com");
        expect(logsService.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"]).to.equal("arn:aws:logs:us-east-1:123456789012:*");
    });

    it("lets nobody schedule a prod key for deletion, while dev keys can be retired", () => {
        const doc = (allowDeletion: boolean) =>
            keyPolicyDocument({ keyClass: "data", accountId: "111122223333", partition: "aws", region: "eu-west-1", allowDeletion });
        const actions = (allowDeletion: boolean) => doc(allowDeletion).Statement.flatMap((s: any) => s.Action);
        expect(actions(false)).not.to.include("kms:ScheduleKeyDeletion");
        expect(actions(true)).to.include("kms:ScheduleKeyDeletion");
        const use = doc(false).Statement.find((s: any) => s.Sid === "UseThroughNamedServicesOnly") as any;
        expect(use.Condition.StringEquals["kms:ViaService"]).to.include("rds.eu-west-1.amazonaws.com");
        expect(use.Condition.StringEquals["kms:CallerAccount"]).to.equal("111122223333");
    });

    describe("EKS node volumes", () => {
        const autoScaling = "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling";
        const dataKeyPolicy = async (stack: string, dir?: string) => {
            const plan = await planOf(stack, {}, dir);
            const key = ofType(plan, "aws:kms/key:Key").find((k) => k.name === "keys-data")!;
            return { plan, key, statements: JSON.parse(key.inputs.policy as string).Statement as any[] };
        };

        it("encrypts the nodes' volumes with the data key", async () => {
            const { plan, key } = await dataKeyPolicy("prod");
            const template = ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")[0];
            const ebs = (template.inputs.blockDeviceMappings as any[])[0].ebs;
            expect(ebs).to.include({ encrypted: "true", kmsKeyId: mockArnOf(key) });
        });

        it("lets Auto Scaling, which launches the nodes, use the data key and grant it for AWS resources only", async () => {
            const { statements } = await dataKeyPolicy("prod");
            const byAutoScaling = statements.filter((s) => s.Principal.AWS === autoScaling);
            expect(byAutoScaling.flatMap((s) => s.Action)).to.include.members(["kms:GenerateDataKey*", "kms:Decrypt", "kms:CreateGrant"]);
            const grant = byAutoScaling.find((s) => [s.Action].flat().includes("kms:CreateGrant"));
            expect(grant.Condition).to.deep.equal({ Bool: { "kms:GrantIsForAWSResource": true } });
        });

        it("leaves Auto Scaling out of the key policy where nothing runs on EC2 nodes (ECS Fargate)", async () => {
            const { plan, statements } = await dataKeyPolicy("prod", path.join(ROOT, "examples/arocord"));
            expect(ofType(plan, "aws:ec2/launchTemplate:LaunchTemplate")).to.have.length(0);
            expect(statements.filter((s) => s.Principal.AWS === autoScaling)).to.have.length(0);
        });
    });
});
