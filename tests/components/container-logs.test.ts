import { expect } from "chai";
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { fluentBitChart } from "../../components/compute/container-logs";
import { profiles } from "../../components/config/profiles";
import { ACCOUNT, allows } from "../support/iam";
import { ofType, planOf, STACKS } from "../support/engine";
import { examplePlan } from "../examples/support";

// Issue 19, "Application logs": every EKS stack ships its services' container logs to CloudWatch Logs.

const byUrn = (plan: Plan, urn: string) => plan.resources.find((r) => r.urn === urn);
const ofComponent = (plan: Plan, type: string) => ofType(plan, type).filter((r) => r.parent.endsWith("ContainerLogs::container-logs"));
const one = (plan: Plan, type: string): PlannedResource => {
    const found = ofComponent(plan, type);
    expect(found, type).to.have.length(1);
    return found[0];
};

describe("container logs on EKS", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            const plan = () => planOf(stack);
            const namespace = `caresync-${stack}`;
            const groupName = `/careplane/caresync-${stack}-eks/${namespace}`;

            it("pre-creates the namespace's log group: the application-log retention, the logs key, fenced as PHI", async () => {
                const p = await plan();
                const group = one(p, "aws:cloudwatch/logGroup:LogGroup");
                expect(group.inputs.name).to.equal(groupName);
                expect(group.inputs.retentionInDays).to.equal(profiles[stack].logRetentionDays);
                expect(group.inputs.retentionInDays).to.be.at.least(30);
                const keys = group.dependencies.map((d) => byUrn(p, d)).filter((r) => r?.type === "aws:kms/key:Key");
                expect(keys.map((k) => (k!.inputs.tags as Record<string, string>).KeyClass)).to.deep.equal(["logs"]);
                expect(group.inputs.tags).to.include({ LogClass: "application", DataClassification: "phi" });
                // Application logs can carry PHI: the audit area's fence denies reading them to all but the log readers.
                const fence = ofType(p, "aws:iam/policy:Policy").find((r) => r.name === "audit-phi-log-read-deny")!;
                expect(String(fence.inputs.policy)).to.include(`log-group:${groupName}`);
            });

            it("collects only the workloads namespace's containers, into that group, never creating groups of its own", async () => {
                const p = await plan();
                const release = one(p, "kubernetes:helm.sh/v3:Release");
                const inputs = release.inputs as any;
                expect([inputs.chart, inputs.version, inputs.namespace]).to.deep.equal([
                    fluentBitChart.chart,
                    fluentBitChart.version,
                    "kube-system",
                ]);
                expect(inputs.values.input.path).to.equal(`/var/log/containers/*_${namespace}_*.log`);
                expect(inputs.values.cloudWatchLogs).to.include({ enabled: true, logGroupName: groupName, autoCreateGroup: false });
            });

            it("lets Fluent Bit's service account alone write streams into that group, and nothing else", async () => {
                const p = await plan();
                const role = one(p, "aws:iam/role:Role");
                const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
                const conditions = JSON.stringify(trust.Statement.map((s: any) => s.Condition));
                expect(conditions).to.include(`system:serviceaccount:kube-system:${fluentBitChart.serviceAccount}`);
                // The stack's own account in the ARN, read back as the simulator's account.
                const written = String(one(p, "aws:iam/policy:Policy").inputs.policy);
                expect(written).to.match(new RegExp(`"arn:aws:logs:us-east-1:\\d{12}:log-group:${groupName}:\\*"`));
                const policy = JSON.parse(written.replace(/:logs:us-east-1:\d{12}:/g, `:logs:us-east-1:${ACCOUNT}:`));
                const arn = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${groupName}`;
                expect(await allows(policy, "logs:PutLogEvents", `${arn}:log-stream:node-a`)).to.equal(true);
                expect(await allows(policy, "logs:CreateLogStream", `${arn}:log-stream:node-a`)).to.equal(true);
                expect(await allows(policy, "logs:CreateLogGroup", arn)).to.equal(false);
                expect(await allows(policy, "logs:GetLogEvents", `${arn}:log-stream:node-a`)).to.equal(false);
                const other = `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/aws/eks/other:log-stream:x`;
                expect(await allows(policy, "logs:PutLogEvents", other)).to.equal(false);
            });

            it("installs Fluent Bit after its role's grant, its log group and the load balancer controller's webhook", async () => {
                const p = await plan();
                const release = one(p, "kubernetes:helm.sh/v3:Release");
                const waitsFor = release.dependencies.map((d) => byUrn(p, d)).map((r) => `${r!.type}::${r!.name}`);
                expect(waitsFor).to.include.members([
                    "aws:iam/rolePolicyAttachment:RolePolicyAttachment::container-logs",
                    "aws:cloudwatch/logGroup:LogGroup::container-logs",
                    "kubernetes:helm.sh/v3:Release::eks-lb-controller",
                ]);
            });
        });
    }

    // Titles spelled out: docs/examples.md's requirement lines quote them.
    for (const [title, system, namespace] of [
        ["ships caresync's container logs to CloudWatch, kept at least 30 days, in its namespace's group", "caresync", "caresync-prod"],
        [
            "ships tenant-provisioning's container logs to CloudWatch, kept at least the guide's 30 days [003]",
            "tenant-provisioning",
            "healthcare",
        ],
        ["ships healthbridge's container logs to CloudWatch, kept at least the guide's 30 days [004]", "healthbridge", "healthbridge-prod"],
    ]) {
        it(title, async () => {
            const p = await examplePlan(system, "prod");
            const group = one(p, "aws:cloudwatch/logGroup:LogGroup");
            expect(String(group.inputs.name).endsWith(`-eks/${namespace}`), String(group.inputs.name)).to.equal(true);
            expect(group.inputs.retentionInDays).to.be.at.least(30);
        });
    }

    it("keeps the ECS services' own log groups (awslogs) for the same application-log retention, with the logs key", async () => {
        const p = await examplePlan("arocord", "prod");
        const groups = ofType(p, "aws:cloudwatch/logGroup:LogGroup").filter((g) =>
            String(g.inputs.name).startsWith("/careplane/hims-prod-ecs/"),
        );
        expect(groups.map((g) => g.inputs.name).sort()).to.deep.equal([
            "/careplane/hims-prod-ecs/backend",
            "/careplane/hims-prod-ecs/frontend",
        ]);
        for (const g of groups) {
            expect(g.inputs.retentionInDays, String(g.inputs.name)).to.equal(profiles.prod.logRetentionDays);
            expect(String(g.inputs.kmsKeyId)).to.match(/^arn:aws:kms:/);
        }
        expect(ofType(p, "kubernetes:helm.sh/v3:Release")).to.deep.equal([]);
    });
});
