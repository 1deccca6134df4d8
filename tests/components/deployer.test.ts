// Where CI runs [18.1] and who owns the account's singletons [18.6], on the real stacks' plans.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { stringify, parse } from "yaml";
import { ciRunnerPolicy, runnerWorkflowNames } from "../../components/deployer/ci-runner";
import { Plan } from "../../tools/engine/plan";
import { findStackFiles } from "../../tools/engine/stack-files";
import { allows } from "../support/iam";
import { ofType, planOf, ROOT, STACKS } from "../support/engine";

const one = (plan: Plan, type: string) => {
    const found = ofType(plan, type);
    expect(found, type).to.have.length(1);
    return found[0];
};
const WORKFLOWS = path.join(ROOT, ".github/workflows");

describe("the in-VPC CI runner (CodeBuild-hosted GitHub Actions runner)", () => {
    for (const stack of STACKS) {
        describe(stack, () => {
            it("is a CodeBuild project in the private app subnets, with its own security group, logs encrypted with the logs key", async () => {
                const plan = await planOf(stack);
                const project = one(plan, "aws:codebuild/project:Project");
                const inputs = project.inputs as any;
                expect(inputs.name).to.equal(`caresync-${stack}-ci-runner`);
                expect(inputs.source).to.deep.equal({ type: "GITHUB", location: "https://github.com/example-health/careplane.git" });
                const appSubnets = ofType(plan, "aws:ec2/subnet:Subnet")
                    .filter((s) => (s.inputs.tags as any).Tier === "app")
                    .map((s) => `${s.name}-id`);
                expect(inputs.vpcConfig.subnets).to.have.members(appSubnets);
                const sg = ofType(plan, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === "deployer")!;
                expect(inputs.vpcConfig.securityGroupIds).to.deep.equal(["deployer-id"]);
                expect(sg.inputs.ingress).to.deep.equal([]);
                const egress = (sg.inputs.egress as any[]).map((e) => [e.fromPort, e.cidrBlocks]);
                expect(egress[0]).to.deep.equal([443, ["0.0.0.0/0"]]);
                expect(egress[1][0]).to.equal(5432);
                expect(egress[1][1].every((c: string) => !c.startsWith("0.0.0.0"))).to.equal(true);
                const logs = ofType(plan, "aws:cloudwatch/logGroup:LogGroup").find(
                    (g) => g.inputs.name === `/aws/codebuild/${inputs.name}`,
                )!;
                expect(inputs.logsConfig.cloudwatchLogs).to.deep.equal({ status: "ENABLED", groupName: logs.inputs.name });
                expect(logs.inputs.kmsKeyId).to.match(/key\/keys-logs$/);
                expect(inputs.encryptionKey).to.match(/key\/keys-logs$/);
                expect(inputs.buildTimeout).to.equal(240);
                // The whole network (NAT, routes, endpoints) comes first: a targeted first up brings it along.
                const network = plan.resources.find((r) => r.type === "careplane:network:Network")!.urn;
                const networkEgress = plan.resources.filter(
                    (r) =>
                        r.parent === network &&
                        ["aws:ec2/natGateway:NatGateway", "aws:ec2/routeTableAssociation:RouteTableAssociation"].includes(r.type),
                );
                expect(networkEgress.length).to.be.greaterThan(2);
                expect(project.dependencies).to.include.members(networkEgress.map((r) => r.urn));
            });

            it("starts builds for queued workflow jobs of the three CI workflows only, each of which exists", async () => {
                const webhook = one(await planOf(stack), "aws:codebuild/webhook:Webhook");
                const [group] = (webhook.inputs as any).filterGroups;
                expect(group.filters[0]).to.deep.equal({ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" });
                expect(group.filters[1].type).to.equal("WORKFLOW_NAME");
                const names = fs.readdirSync(WORKFLOWS).map((f) => parse(fs.readFileSync(path.join(WORKFLOWS, f), "utf8")).name);
                expect(names).to.include.members(runnerWorkflowNames);
                for (const name of runnerWorkflowNames) expect(new RegExp(group.filters[1].pattern).test(name)).to.equal(true);
                expect(new RegExp(group.filters[1].pattern).test("Deploy from my branch")).to.equal(false);
            });

            it("is admitted by the EKS cluster security group on 443 and by both database groups on 5432", async () => {
                const plan = await planOf(stack);
                const rule = one(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").inputs as any;
                expect(rule).to.include({ referencedSecurityGroupId: "deployer-id", fromPort: 443, toPort: 443, ipProtocol: "tcp" });
                expect(rule.securityGroupId).to.match(/^sg-/);
                const database = ofType(plan, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === "database")!;
                expect((database.inputs.ingress as any[]).map((i) => [i.fromPort, i.securityGroups])).to.deep.include([
                    5432,
                    ["deployer-id"],
                ]);
                // The Kubernetes provider waits for the rule and the deploy role's access entry.
                const provider = plan.resources.find((r) => r.type === "pulumi:providers:kubernetes")!;
                const entry = ofType(plan, "aws:eks/accessEntry:AccessEntry").find((e) => e.name === "eks-access-deploy")!;
                const dependencies = provider.dependencies;
                expect(dependencies).to.include.members([
                    entry.urn,
                    ofType(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")[0].urn,
                ]);
            });

            it("has a service role limited to its logs, its network interfaces in its subnets and the GitHub connection", async () => {
                const policy = ciRunnerPolicy({
                    partition: "aws",
                    region: "us-east-1",
                    accountId: "123456789012",
                    logGroupArn: "arn:aws:logs:us-east-1:123456789012:log-group:/aws/codebuild/x",
                    subnetArns: ["arn:aws:ec2:us-east-1:123456789012:subnet/subnet-a"],
                });
                expect(
                    await allows(
                        policy,
                        "logs:PutLogEvents",
                        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/codebuild/x:log-stream:s",
                    ),
                ).to.equal(true);
                expect(
                    await allows(policy, "logs:PutLogEvents", "arn:aws:logs:us-east-1:123456789012:log-group:/other:log-stream:s"),
                ).to.equal(false);
                expect(
                    await allows(
                        policy,
                        "secretsmanager:GetSecretValue",
                        "arn:aws:secretsmanager:us-east-1:123456789012:secret:caresync/prod/database-AbC123",
                    ),
                ).to.equal(false);
                expect(await allows(policy, "s3:GetObject", "arn:aws:s3:::caresync-prod-documents-123456789012/x")).to.equal(false);
                const plan = await planOf(stack);
                expect(ofType(plan, "aws:iam/role:Role").find((r) => r.name === "deployer")!.inputs.name).to.equal(
                    `caresync-${stack}-ci-runner-service`,
                );
            });
        });
    }
});

describe("EKS access entries [18.1]", () => {
    it("authenticates with access entries only, gives the creator nothing implicit, and maps the CI roles and operators", async () => {
        const plan = await planOf("prod");
        const cluster = one(plan, "aws:eks/cluster:Cluster").inputs as any;
        expect(cluster.accessConfig).to.deep.equal({ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
        const entries = new Map(ofType(plan, "aws:eks/accessEntry:AccessEntry").map((e) => [e.name, e.inputs.principalArn]));
        expect(entries.get("eks-access-deploy")).to.equal("arn:aws:iam::123456789012:role/caresync-prod-ci-deploy");
        expect(entries.get("eks-access-drift")).to.equal("arn:aws:iam::123456789012:role/caresync-prod-ci-drift");
        expect(entries.get("eks-access-preview")).to.equal("arn:aws:iam::123456789012:role/caresync-prod-ci-preview");
        const associations = ofType(plan, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation").map((a) => {
            const i = a.inputs as any;
            return [a.name, String(i.policyArn).split("/").pop(), i.accessScope.type, i.accessScope.namespaces ?? []];
        });
        expect(associations).to.have.deep.members([
            ["eks-access-deploy", "AmazonEKSClusterAdminPolicy", "cluster", []],
            ["eks-access-preview", "AmazonEKSViewPolicy", "cluster", []],
            ["eks-access-drift", "AmazonEKSViewPolicy", "cluster", []],
            ["eks-access-operator", "AmazonEKSViewPolicy", "cluster", []],
            ["eks-access-operator-workloads", "AmazonEKSEditPolicy", "namespace", ["caresync-prod"]],
        ]);
        const operator = ofType(plan, "aws:iam/role:Role").find((r) => r.name === "eks-access-operator")!;
        const trust = JSON.parse(operator.inputs.assumeRolePolicy as string).Statement[0];
        expect(trust.Condition).to.deep.equal({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
    });
});

describe("account singletons [18.6]", () => {
    const singletonTypes = ["aws:guardduty/detector:Detector", "aws:ebs/encryptionByDefault:EncryptionByDefault"];

    it("each stack of the one-account-per-environment layout owns its account's detector and EBS encryption by default", async () => {
        for (const stack of STACKS) {
            const plan = await planOf(stack);
            for (const type of singletonTypes) expect(ofType(plan, type), `${stack} ${type}`).to.have.length(1);
        }
    });

    it("in an account shared by dev, test and staging, only the owner creates them, and all three preview clean", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "careplane-shared-account-"));
        const shared = "210987654321";
        for (const stack of ["dev", "test", "staging"]) {
            const doc = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
            doc.config["aws:allowedAccountIds"] = [shared];
            doc.config["careplane:account"] = { id: shared, singletons: stack === "staging" };
            // Three VPCs in one account and region need three ranges (they already differ).
            fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify(doc));
        }
        expect(findStackFiles(dir)).to.deep.equal(["dev", "test", "staging"]);
        for (const stack of ["dev", "test", "staging"]) {
            const plan = await planOf(stack, {}, dir);
            expect(plan.deployment).to.include({ accountId: shared, singletons: stack === "staging" });
            for (const type of singletonTypes) expect(ofType(plan, type), `${stack} ${type}`).to.have.length(stack === "staging" ? 1 : 0);
            // Each stack keeps its own runner, trail and roles: those are per stack, not per account.
            expect(ofType(plan, "aws:codebuild/project:Project")).to.have.length(1);
        }
    });
});
