import { expect } from "chai";
import { operatorPolicy, SESSION_PREFERENCES_DOCUMENT, sessionEndpoints } from "../../components/access/session-manager";
import { ofType } from "../support/engine";
import { ACCOUNT, allows } from "../support/iam";
import { CHATBOT_REGIONS } from "../../components/monitoring/alarm-routes";
import { SECRET_MASK } from "../../tools/engine/plan";
import { alarms, alarmTopic, backupRules, databaseInstances, deliveries, examplePlan, mandatoryViolations, theOne } from "./support";

// AROCORD-HIMS [seed 001]: its production infrastructure (section 2.1).
const guide = {
    cidr: "10.0.0.0/16",
    azs: 3,
    // Frontend 2–10 tasks, 0.5–2 vCPU, 1–4 GB; backend 3–15 tasks, 1–4 vCPU, 2–8 GB.
    frontend: { min: 2, max: 10, vcpu: [0.5, 2], gb: [1, 4] },
    backend: { min: 3, max: 15, vcpu: [1, 4], gb: [2, 8] },
    databaseClass: "db.r6g.xlarge",
    cacheNode: "cache.r6g.large",
    // Section 5.2's CloudWatch alarms: metric, threshold.
    alarms: [
        ["CPUUtilization", 80],
        ["DatabaseConnections", 80],
        ["HTTPCode_Target_5XX_Count", 10],
    ] as Array<[string, number]>,
    // Section 6.1: daily kept 30 days, monthly kept 1 year.
    backups: { daily: 30, monthly: 365 },
};
/** careplane runs at least one prod task per AZ. */
const PROD_TASK_FLOOR = 3;

describe("examples/arocord [seed 001]", () => {
    const plan = () => examplePlan("arocord", "prod");

    it("previews with zero mandatory violations", async () => {
        expect(await mandatoryViolations("arocord", await plan())).to.deep.equal([]);
    });

    it("spans the guide's VPC over 3 AZs: public, app and data subnets in each, a NAT gateway per AZ", async () => {
        const p = await plan();
        expect(theOne(p, "aws:ec2/vpc:Vpc").inputs.cidrBlock).to.equal(guide.cidr);
        const subnets = ofType(p, "aws:ec2/subnet:Subnet");
        expect(subnets).to.have.length(3 * guide.azs);
        expect(new Set(subnets.map((s) => s.inputs.availabilityZone)).size).to.equal(guide.azs);
        expect(ofType(p, "aws:ec2/natGateway:NatGateway")).to.have.length(guide.azs);
    });

    it("runs frontend and backend on ECS Fargate in the app subnets of every AZ, scaled as the guide says", async () => {
        const p = await plan();
        const services = ofType(p, "aws:ecs/service:Service");
        expect(services.map((s) => s.inputs.name).sort()).to.deep.equal(["backend", "frontend"]);
        for (const s of services) {
            expect(s.inputs.launchType).to.equal("FARGATE");
            expect((s.inputs.networkConfiguration as { subnets: string[] }).subnets).to.have.length(guide.azs);
        }
        const targets = Object.fromEntries(
            ofType(p, "aws:appautoscaling/target:Target").map((t) => [t.name.replace(/^ecs-/, ""), t.inputs]),
        );
        expect(targets.frontend.minCapacity).to.equal(Math.max(guide.frontend.min, PROD_TASK_FLOOR));
        expect(targets.frontend.maxCapacity).to.equal(guide.frontend.max);
        expect(targets.backend.minCapacity).to.equal(guide.backend.min);
        expect(targets.backend.maxCapacity).to.equal(guide.backend.max);
    });

    it("sizes each task within the guide's vCPU and memory ranges", async () => {
        const p = await plan();
        for (const td of ofType(p, "aws:ecs/taskDefinition:TaskDefinition")) {
            const tier = td.name.includes("frontend") ? guide.frontend : guide.backend;
            const vcpu = Number(td.inputs.cpu) / 1024;
            const gb = Number(td.inputs.memory) / 1024;
            expect(vcpu, td.name).to.be.within(tier.vcpu[0], tier.vcpu[1]);
            expect(gb, td.name).to.be.within(tier.gb[0], tier.gb[1]);
        }
    });

    it("runs PostgreSQL on db.r6g.xlarge with read replicas, and Redis on cache.r6g.large", async () => {
        const p = await plan();
        const instances = [...databaseInstances(p, "primary"), ...databaseInstances(p, "replica")];
        expect(databaseInstances(p, "replica").length).to.be.at.least(1);
        for (const i of instances) expect(i.inputs.instanceClass).to.equal(guide.databaseClass);
        expect(theOne(p, "aws:elasticache/replicationGroup:ReplicationGroup").inputs.nodeType).to.equal(guide.cacheNode);
    });

    it("keeps files on encrypted, backed-up general-purpose EFS, mounted in every data subnet and reachable from its clients' group only", async () => {
        const p = await plan();
        const fileSystem = theOne(p, "aws:efs/fileSystem:FileSystem");
        expect(fileSystem.inputs).to.include({ performanceMode: "generalPurpose", encrypted: true });
        expect(fileSystem.inputs.kmsKeyId).to.be.a("string");
        expect((fileSystem.inputs.tags as Record<string, string>).Backup).to.equal("true");
        expect(fileSystem.protect).to.equal(true);

        const dataSubnets = ofType(p, "aws:ec2/subnet:Subnet").filter((s) => (s.inputs.tags as Record<string, string>).Tier === "data");
        const mounts = ofType(p, "aws:efs/mountTarget:MountTarget");
        expect(mounts.map((m) => m.inputs.subnetId).sort()).to.deep.equal(dataSubnets.map((s) => `${s.name}-id`).sort());

        const nfs = ofType(p, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === "files")!;
        expect(nfs.inputs.ingress).to.deep.equal([
            {
                protocol: "tcp",
                fromPort: 2049,
                toPort: 2049,
                securityGroups: ["network-files-clients-id"],
                description: "NFS from the file-system clients group",
            },
        ]);
        const [uploads] = ofType(p, "aws:efs/accessPoint:AccessPoint");
        expect((uploads.inputs.rootDirectory as { path: string }).path).to.equal("/uploads");
        expect((uploads.inputs.posixUser as { uid: number }).uid).to.not.equal(0);
    });

    it("mounts the uploads access point into the backend's tasks only, over TLS with IAM authorization, and grants the backend's role alone", async () => {
        const p = await plan();
        const tasks = Object.fromEntries(
            ofType(p, "aws:ecs/taskDefinition:TaskDefinition").map((t) => [t.name.replace(/^ecs-/, ""), t.inputs]),
        );
        const efsVolumes = (t: Record<string, unknown>) =>
            (t.volumes as Array<{ name: string; efsVolumeConfiguration?: any }>).filter((v) => v.efsVolumeConfiguration);
        expect(efsVolumes(tasks.frontend)).to.deep.equal([]);
        const [volume] = efsVolumes(tasks.backend);
        expect(volume.efsVolumeConfiguration).to.deep.equal({
            fileSystemId: "files-id",
            transitEncryption: "ENABLED",
            authorizationConfig: { accessPointId: "files-uploads-id", iam: "ENABLED" },
        });
        const [container] = JSON.parse(String(tasks.backend.containerDefinitions));
        expect(container.mountPoints).to.deep.include({ sourceVolume: volume.name, containerPath: "/opt/hims/uploads", readOnly: false });

        const granted = JSON.parse(String(theOne(p, "aws:efs/fileSystemPolicy:FileSystemPolicy").inputs.policy)).Statement.filter(
            (s: { Effect: string }) => s.Effect === "Allow",
        );
        const backendRole = ofType(p, "aws:iam/role:Role").find((r) => r.name === "ecs-backend-task")!;
        expect(granted).to.have.length(1);
        expect(granted[0].Principal.AWS).to.match(new RegExp(`:role/${backendRole.name}$`));
        expect(granted[0].Action).to.deep.equal(["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]);
        expect(granted[0].Condition.StringEquals["elasticfilesystem:AccessPointArn"]).to.deep.equal([
            `arn:aws:efs:us-east-1:${ACCOUNT}:accesspoint/files-uploads`,
        ]);
    });

    it("replaces the bastion with Session Manager: private endpoints, encrypted and logged sessions, ECS Exec on the tasks", async () => {
        const p = await plan();
        const appSubnetIds = ofType(p, "aws:ec2/subnet:Subnet")
            .filter((s) => (s.inputs.tags as Record<string, string>).Tier === "app")
            .map((s) => `${s.name}-id`)
            .sort();
        const endpoints = ofType(p, "aws:ec2/vpcEndpoint:VpcEndpoint").filter((e) =>
            sessionEndpoints.some((svc) => e.inputs.serviceName === `com.amazonaws.us-east-1.${svc}`),
        );
        expect(endpoints).to.have.length(sessionEndpoints.length);
        for (const e of endpoints) {
            expect(e.inputs.privateDnsEnabled).to.equal(true);
            expect((e.inputs.subnetIds as string[]).slice().sort()).to.deep.equal(appSubnetIds);
        }

        const preferences = theOne(p, "aws:ssm/document:Document");
        expect(preferences.inputs).to.include({ name: SESSION_PREFERENCES_DOCUMENT, documentType: "Session" });
        const inputs = JSON.parse(String(preferences.inputs.content)).inputs;
        expect(inputs).to.include({ cloudWatchEncryptionEnabled: true, cloudWatchStreamingEnabled: true, runAsEnabled: false });
        expect(Number(inputs.idleSessionTimeout)).to.be.at.most(20);
        const sessionLog = ofType(p, "aws:cloudwatch/logGroup:LogGroup").find((g) => g.inputs.name === inputs.cloudWatchLogGroupName)!;
        expect(sessionLog.inputs.kmsKeyId).to.equal(inputs.kmsKeyId);
        expect((sessionLog.inputs.tags as Record<string, string>).LogClass).to.equal("audit");

        const exec = (theOne(p, "aws:ecs/cluster:Cluster").inputs.configuration as any).executeCommandConfiguration;
        expect(exec.logging).to.equal("OVERRIDE");
        expect(exec.logConfiguration).to.deep.equal({
            cloudWatchEncryptionEnabled: true,
            cloudWatchLogGroupName: inputs.cloudWatchLogGroupName,
        });
        for (const s of ofType(p, "aws:ecs/service:Service")) expect(s.inputs.enableExecuteCommand, String(s.inputs.name)).to.equal(true);
    });

    it("lets the MFA-only operator role shell into this cluster's tasks and no other's", async () => {
        const policy = operatorPolicy({
            partition: "aws",
            region: "us-east-1",
            accountId: ACCOUNT,
            environment: "prod",
            ecsClusterName: "hims-prod-ecs",
            logsKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/logs`,
        });
        const task = (cluster: string) => `arn:aws:ecs:us-east-1:${ACCOUNT}:task/${cluster}/0123456789abcdef`;
        expect(await allows(policy, "ecs:ExecuteCommand", task("hims-prod-ecs"))).to.equal(true);
        expect(await allows(policy, "ecs:ExecuteCommand", task("hims-staging-ecs"))).to.equal(false);
        const role = ofType(await plan(), "aws:iam/role:Role").find((r) => r.name === "access-operator")!;
        const trust = JSON.parse(String(role.inputs.assumeRolePolicy));
        expect(trust.Statement[0].Condition).to.deep.equal({ Bool: { "aws:MultiFactorAuthPresent": "true" } });
    });

    it("raises the guide's CloudWatch alarms", async () => {
        const raised = alarms(await plan());
        for (const [metric, threshold] of guide.alarms) {
            expect(
                raised.some((a) => a.metricName === metric && a.threshold === threshold && a.comparisonOperator === "GreaterThanThreshold"),
                metric,
            ).to.equal(true);
        }
    });

    it("routes alarms after the guide's escalation table: API down → PagerDuty + Slack + email, error rate → Slack + email, slow → Slack", async () => {
        const p = await plan();
        const oncall = "hims-oncall@arocord.example.org";
        for (const service of ["frontend", "backend"]) {
            expect(deliveries(p, alarmTopic(p, `hims-prod-${service}-down`)), `${service} down`).to.deep.equal({
                email: [oncall],
                https: 1,
                slack: true,
            });
        }
        for (const errors of ["hims-prod-alb-target-5xx", "hims-prod-alb-5xx-rate", "hims-prod-alb-5xx-ratio"]) {
            expect(deliveries(p, alarmTopic(p, errors)), errors).to.deep.equal({ email: [oncall], https: 0, slack: true });
        }
        expect(deliveries(p, alarmTopic(p, "hims-prod-alb-latency-p95"))).to.deep.equal({ email: [], https: 0, slack: true });
        // PagerDuty's key comes from Secrets Manager at deploy time: the plan holds the mask, never the key.
        const paging = ofType(p, "aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.protocol === "https");
        for (const s of paging) expect(s.inputs.endpoint).to.equal(SECRET_MASK);
        const chat = theOne(p, "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration");
        expect(chat.inputs).to.include({ slackTeamId: "T0AROCORD", slackChannelId: "C0HIMSALERTS", userAuthorizationRequired: true });
        expect(CHATBOT_REGIONS).to.include(chat.inputs.region as string);
    });

    it("rolls a deployment back when targets answer more than 10 5XX in the 5-minute watch (deployment alarms)", async () => {
        const p = await plan();
        for (const service of ofType(p, "aws:ecs/service:Service")) {
            const config = service.inputs.deploymentConfiguration as { strategy: string; bakeTimeInMinutes: string };
            expect(config, String(service.inputs.name)).to.include({ strategy: "BLUE_GREEN", bakeTimeInMinutes: "5" });
            const watch = service.inputs.alarms as { alarmNames: string[]; enable: boolean; rollback: boolean };
            expect(watch, String(service.inputs.name)).to.include({ enable: true, rollback: true });
            const [alarm] = ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) =>
                watch.alarmNames.includes(String(a.inputs.name)),
            );
            const queries = alarm.inputs.metricQueries as Array<{
                returnData: boolean;
                metric?: { metricName: string; stat: string; period: number };
            }>;
            expect(alarm.inputs).to.include({ comparisonOperator: "GreaterThanThreshold", threshold: 10, evaluationPeriods: 1 });
            for (const q of queries.filter((q) => !q.returnData)) {
                expect(q.metric).to.include({ metricName: "HTTPCode_Target_5XX_Count", stat: "Sum", period: 300 });
            }
        }
    });

    it("keeps the escalation table's absolute 5XX-rate rule as written (rate > 0.1/s) beside the 1 % ratio rule", async () => {
        const p = await plan();
        const byName = (name: string) =>
            ofType(p, "aws:cloudwatch/metricAlarm:MetricAlarm").find((a) => a.inputs.name === name)!.inputs as any;
        const expression = (a: any) => a.metricQueries.find((q: { returnData: boolean }) => q.returnData).expression;
        const rate = byName("hims-prod-alb-5xx-rate");
        expect([expression(rate), rate.threshold]).to.deep.equal(["errors / PERIOD(errors)", 0.1]);
        const ratio = byName("hims-prod-alb-5xx-ratio");
        expect([expression(ratio), ratio.threshold]).to.deep.equal(["errors / requests", 0.01]);
    });

    it("backs up daily (kept 30 days) and monthly (kept a year), and prod keeps yearly points 7 years beyond that", async () => {
        const rules = backupRules(await plan());
        expect(rules.daily.schedule).to.equal("cron(0 5 ? * * *)");
        expect(rules.daily.lifecycle.deleteAfter).to.equal(guide.backups.daily);
        expect(rules.monthly.lifecycle.deleteAfter).to.equal(guide.backups.monthly);
        expect(rules.yearly.lifecycle.deleteAfter).to.be.greaterThan(guide.backups.monthly);
    });

    it("runs GuardDuty (section 8.2): RDS logins, S3 data events, and runtime monitoring with its agent in every Fargate task", async () => {
        const p = await plan();
        const detector = theOne(p, "aws:guardduty/detector:Detector");
        expect(detector.inputs.enable).to.equal(true);
        const features = Object.fromEntries(
            ofType(p, "aws:guardduty/detectorFeature:DetectorFeature")
                .filter((f) => f.inputs.status === "ENABLED" && f.dependencies.includes(detector.urn))
                .map((f) => [f.inputs.name, f.inputs]),
        );
        expect(Object.keys(features)).to.include.members(["RDS_LOGIN_EVENTS", "S3_DATA_EVENTS", "RUNTIME_MONITORING"]);
        // No EKS here: neither its audit logs nor its add-on.
        expect(features).to.not.have.property("EKS_AUDIT_LOGS");
        expect(features.RUNTIME_MONITORING.additionalConfigurations).to.deep.include.members([
            { name: "ECS_FARGATE_AGENT_MANAGEMENT", status: "ENABLED" },
            { name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" },
        ]);
        // The agent runs as a sidecar on Fargate 1.4.0+, pulled by each task's execution role from GuardDuty's ECR repository.
        for (const s of ofType(p, "aws:ecs/service:Service")) expect(s.inputs.platformVersion, String(s.inputs.name)).to.equal("1.4.0");
        const agentImage = "arn:aws:ecr:us-east-1:593207742271:repository/aws-guardduty-agent-fargate";
        for (const service of ["frontend", "backend"]) {
            const execution = ofType(p, "aws:iam/policy:Policy").find((r) => r.name === `ecs-${service}-execution`)!;
            expect(await allows(JSON.parse(String(execution.inputs.policy)), "ecr:BatchGetImage", agentImage), service).to.equal(true);
        }
    });

    it("has no SSH path: no EC2 instance and no security group admitting port 22", async () => {
        const p = await plan();
        expect(ofType(p, "aws:ec2/instance:Instance")).to.have.length(0);
        const rules = ofType(p, "aws:ec2/securityGroup:SecurityGroup").flatMap(
            (g) => (g.inputs.ingress ?? []) as Array<{ fromPort: number; toPort: number }>,
        );
        expect(rules.filter((r) => r.fromPort <= 22 && r.toPort >= 22)).to.deep.equal([]);
    });
});
