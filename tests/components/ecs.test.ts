import { expect } from "chai";
import { parseStackConfig } from "../../components/config/stack-config";
import { profiles } from "../../components/config/profiles";
import { fileVolumeName } from "../../components/compute/ecs";
import { decide } from "../iam/simulate";
import { arnOf, awsArn, collectPolicies, inTableAccount } from "../iam/policies";
import { CLOUDFRONT_ORIGIN_PREFIX_LIST } from "../../components/edge/cdn";
import { MOCK_PREFIX_LISTS } from "../../tools/engine/mocks";
import { allows } from "../support/iam";
import { ofType, planOf, stackFile, violationsOf } from "../support/engine";

const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8190-a1b2c3d4e5f6";

/** Seed 001's system on the staging stack: frontend and backend on ECS Fargate, the backend mounting EFS. */
const seed001 = {
    "careplane:compute": { platform: "ecs", certificateArn: CERTIFICATE },
    "careplane:files": { enabled: true, accessPoints: ["uploads", "reports"] },
    "careplane:services": {
        frontend: { tier: "web", image: "hims/frontend", tag: "2.3.0" },
        backend: {
            tier: "api",
            image: "hims/api",
            tag: "2.3.0",
            path: "/api",
            secrets: ["database", "jwt"],
            files: { uploads: "/opt/hims/uploads" },
        },
    },
};

const inputsOf = (plan: Awaited<ReturnType<typeof planOf>>, type: string) => ofType(plan, type).map((r) => r.inputs as any);

describe("ECS Fargate platform (staging with compute: ecs)", () => {
    const plan = () => planOf("staging", seed001);

    it("previews with zero mandatory violations and no EKS or Kubernetes resources", async () => {
        const p = await plan();
        const mandatory = (await violationsOf(p)).filter((v) => v.enforcementLevel === "mandatory");
        expect(mandatory.map((v) => v.message)).to.deep.equal([]);
        expect(p.resources.filter((r) => r.type.startsWith("kubernetes:") || r.type.startsWith("aws:eks/"))).to.deep.equal([]);
    });

    it("runs a cluster with Container Insights and Fargate services sized and scaled as seed 001 says", async () => {
        const p = await plan();
        const [cluster] = inputsOf(p, "aws:ecs/cluster:Cluster");
        expect(cluster.settings).to.deep.equal([{ name: "containerInsights", value: "enabled" }]);

        const targets = new Map(inputsOf(p, "aws:appautoscaling/target:Target").map((t) => [t.resourceId.split("/").pop(), t]));
        expect([targets.get("frontend").minCapacity, targets.get("frontend").maxCapacity]).to.deep.equal([2, 10]);
        expect([targets.get("backend").minCapacity, targets.get("backend").maxCapacity]).to.deep.equal([3, 15]);
        // The staging profile carries seed 001's ranges, so the figures above are the profile's too.
        expect(profiles.staging.replicas.web).to.deep.equal({ min: 2, max: 10 });

        // Each service tracks CPU at 70 % and memory at 80 % [001], on its own scalable target.
        const tracking = inputsOf(p, "aws:appautoscaling/policy:Policy").map((policy) => {
            expect(policy.policyType).to.equal("TargetTrackingScaling");
            const c = policy.targetTrackingScalingPolicyConfiguration;
            return [policy.resourceId.split("/").pop(), c.predefinedMetricSpecification.predefinedMetricType, c.targetValue];
        });
        expect(tracking.sort()).to.deep.equal([
            ["backend", "ECSServiceAverageCPUUtilization", 70],
            ["backend", "ECSServiceAverageMemoryUtilization", 80],
            ["frontend", "ECSServiceAverageCPUUtilization", 70],
            ["frontend", "ECSServiceAverageMemoryUtilization", 80],
        ]);
        const tasks = new Map(inputsOf(p, "aws:ecs/taskDefinition:TaskDefinition").map((t) => [t.family, t]));
        // Frontend 0.5–2 vCPU / 1–4 GB, backend 1–4 vCPU / 2–8 GB [001].
        const within = (t: any, cpu: [number, number], mem: [number, number]) =>
            Number(t.cpu) >= cpu[0] && Number(t.cpu) <= cpu[1] && Number(t.memory) >= mem[0] && Number(t.memory) <= mem[1];
        expect(within(tasks.get("caresync-staging-frontend"), [512, 2048], [1024, 4096])).to.equal(true);
        expect(within(tasks.get("caresync-staging-backend"), [1024, 4096], [2048, 8192])).to.equal(true);
        for (const services of inputsOf(p, "aws:ecs/service:Service")) {
            expect(services.launchType).to.equal("FARGATE");
            expect(services.networkConfiguration.assignPublicIp).to.equal(false);
            expect(services.networkConfiguration.securityGroups).to.include(`ecs-${services.name}-tasks-id`);
        }
    });

    it("gives each service its own group and the client groups of exactly the stores it uses (issue 22 item 1)", async () => {
        const p = await plan();
        const groups = Object.fromEntries(
            inputsOf(p, "aws:ecs/service:Service").map((s) => [s.name, s.networkConfiguration.securityGroups]),
        );
        // The frontend lists no store: neither PostgreSQL, Redis nor EFS admits it.
        expect(groups.frontend).to.deep.equal(["ecs-frontend-tasks-id"]);
        // The backend lists the database and mounts uploads; it lists no redis.
        expect(groups.backend).to.deep.equal(["ecs-backend-tasks-id", "network-postgres-clients-id", "network-files-clients-id"]);
        const admitted = (sg: string) =>
            (ofType(p, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === sg)!.inputs as any).ingress;
        // The login rotation functions log in too (main's rotation), from a group of their own.
        expect(admitted("database").flatMap((r: any) => r.securityGroups)).to.deep.equal([
            "network-postgres-clients-id",
            "deployer-id",
            "database-rotation-id",
        ]);
        expect(admitted("cache").flatMap((r: any) => r.securityGroups)).to.deep.equal(["network-redis-clients-id"]);
        const own = inputsOf(p, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.tags?.Name === "caresync-staging-backend-tasks");
        expect(own.ingress).to.deep.equal([
            { protocol: "tcp", fromPort: 3000, toPort: 3000, securityGroups: ["ecs-alb-id"], description: "From the ALB" },
        ]);
    });

    it("runs containers non-root on a read-only root, with secrets by reference and logs kept and encrypted", async () => {
        const p = await plan();
        const groups = new Map(inputsOf(p, "aws:cloudwatch/logGroup:LogGroup").map((g) => [g.name, g]));
        for (const task of inputsOf(p, "aws:ecs/taskDefinition:TaskDefinition")) {
            const [c] = JSON.parse(task.containerDefinitions);
            expect(c.user).to.equal("10001:10001");
            expect(c.readonlyRootFilesystem).to.equal(true);
            expect(c.linuxParameters.capabilities.drop).to.deep.equal(["ALL"]);
            expect(c.image.endsWith(":latest")).to.equal(false);
            const group = groups.get(c.logConfiguration.options["awslogs-group"]);
            expect(group.retentionInDays).to.be.at.least(30);
            expect(group.kmsKeyId).to.match(/key\/keys-logs$/);
            // Shared entries by name, the service's own login and Redis user under its name.
            for (const s of c.secrets) expect(s.valueFrom).to.match(new RegExp(`^caresync/staging/(${c.name}/)?[a-z-]+$`));
            const database = c.secrets.find((s: { name: string }) => s.name === "DATABASE");
            if (database) expect(database.valueFrom).to.equal(`caresync/staging/${c.name}/database`);
        }
    });

    it("lets the backend's task role read its own secrets and nothing else", async () => {
        const p = await plan();
        const policy = JSON.parse(ofType(p, "aws:iam/policy:Policy").find((r) => r.name === "ecs-backend-task")!.inputs.policy as string);
        const secret = (name: string) =>
            `arn:aws:secretsmanager:us-east-1:${p.deployment!.accountId}:secret:caresync/staging/${name}-Xy12Zw`;
        expect(await allows(policy, "secretsmanager:GetSecretValue", secret("jwt"))).to.equal(true);
        expect(await allows(policy, "secretsmanager:GetSecretValue", secret("backend/database"))).to.equal(true);
        expect(await allows(policy, "secretsmanager:GetSecretValue", secret("frontend/database"))).to.equal(false);
        expect(await allows(policy, "secretsmanager:GetSecretValue", secret("smtp"))).to.equal(false);
        expect(ofType(p, "aws:iam/policy:Policy").find((r) => r.name === "ecs-frontend-task")).to.equal(undefined);
    });

    it("fronts the services with a public ALB: HTTPS on the configured certificate, HTTP redirected, invalid headers dropped, WAF", async () => {
        const p = await plan();
        const [alb] = inputsOf(p, "aws:lb/loadBalancer:LoadBalancer");
        expect(alb.internal).to.equal(false);
        expect(alb.subnets.every((s: string) => /^network-public-\d-id$/.test(s))).to.equal(true);
        expect(alb.dropInvalidHeaderFields).to.equal(true);
        // The storage component's log bucket, under the prefix its bucket policy admits load balancers to.
        const [logBucket] = inputsOf(p, "aws:s3/bucket:Bucket").filter((b) => b.bucket.startsWith("caresync-staging-access-logs-"));
        expect(alb.accessLogs).to.deep.equal({ bucket: logBucket.bucket, prefix: "alb", enabled: true });
        const listeners = new Map(inputsOf(p, "aws:lb/listener:Listener").map((l) => [l.port, l]));
        expect(listeners.get(443)).to.deep.include({ protocol: "HTTPS", certificateArn: CERTIFICATE });
        expect(listeners.get(443).sslPolicy).to.match(/^ELBSecurityPolicy-TLS13-1-2/);
        expect(listeners.get(80).defaultActions).to.deep.equal([
            { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
        ]);
        const [acl] = inputsOf(p, "aws:wafv2/webAcl:WebAcl");
        expect(acl.scope).to.equal("REGIONAL");
        // A per-client rate limit first, then AWS's managed rule groups.
        expect(acl.rules[0].statement.rateBasedStatement).to.deep.include({ aggregateKeyType: "IP", evaluationWindowSec: 300 });
        expect(acl.rules.slice(1).map((r: any) => r.statement.managedRuleGroupStatement.vendorName)).to.deep.equal([
            "AWS",
            "AWS",
            "AWS",
            "AWS",
        ]);
        const [logging] = inputsOf(p, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration");
        const wafLogs = ofType(p, "aws:cloudwatch/logGroup:LogGroup").find((g) => String(g.inputs.name).startsWith("aws-waf-logs-"))!;
        expect(logging.logDestinationConfigs).to.have.length(1);
        expect(logging.logDestinationConfigs[0]).to.equal(
            `arn:aws:logs:us-east-1:${p.deployment!.accountId}:log-group:${wafLogs.inputs.name}`,
        );
        expect(logging.redactedFields).to.deep.include({ queryString: {} });
        const [association] = inputsOf(p, "aws:wafv2/webAclAssociation:WebAclAssociation");
        expect(association.resourceArn).to.match(/loadbalancer\/ecs-alb$/);
        // Without careplane:cdn clients reach the ALB directly: 443, and 80 for the redirect, from anywhere.
        const albGroup = ofType(p, "aws:ec2/securityGroup:SecurityGroup").find((g) => alb.securityGroups.includes(`${g.name}-id`))!;
        expect((albGroup.inputs.ingress as any[]).map((r) => [r.fromPort, r.cidrBlocks, r.prefixListIds])).to.deep.equal([
            [443, ["0.0.0.0/0"], undefined],
            [80, ["0.0.0.0/0"], undefined],
        ]);
    });

    it("gives every routed service a blue and a green target group and deploys blue/green between them", async () => {
        const p = await plan();
        const groups = inputsOf(p, "aws:lb/targetGroup:TargetGroup");
        expect(groups.map((g) => [g.tags.Service, g.tags.Slot]).sort()).to.deep.equal([
            ["backend", "blue"],
            ["backend", "green"],
            ["frontend", "blue"],
            ["frontend", "green"],
        ]);
        for (const g of groups) expect(g.name.length).to.be.at.most(32);
        const backend = inputsOf(p, "aws:ecs/service:Service").find((s) => s.name === "backend");
        expect(backend.deploymentConfiguration.strategy).to.equal("BLUE_GREEN");
        const [lb] = backend.loadBalancers;
        expect(lb.targetGroupArn).to.match(/backend-blue$/);
        expect(lb.advancedConfiguration.alternateTargetGroupArn).to.match(/backend-green$/);
        const rules = inputsOf(p, "aws:lb/listenerRule:ListenerRule");
        expect(rules.map((r) => r.conditions[0].pathPattern.values)).to.deep.equal([["/api", "/api/*"], ["/*"]]);
    });

    it("mounts the backend's access point at its path over TLS with IAM authorization, once every mount target exists", async () => {
        const p = await plan();
        const tasks = new Map(inputsOf(p, "aws:ecs/taskDefinition:TaskDefinition").map((t) => [t.family, t]));
        const backend = tasks.get("caresync-staging-backend");
        const [fileSystem] = ofType(p, "aws:efs/fileSystem:FileSystem");
        const uploads = ofType(p, "aws:efs/accessPoint:AccessPoint").find((a) => a.name === "files-uploads")!;
        expect(backend.volumes).to.deep.include({
            name: fileVolumeName("uploads"),
            efsVolumeConfiguration: {
                fileSystemId: `${fileSystem.name}-id`,
                transitEncryption: "ENABLED",
                authorizationConfig: { accessPointId: `${uploads.name}-id`, iam: "ENABLED" },
            },
        });
        const [container] = JSON.parse(backend.containerDefinitions);
        expect(container.mountPoints).to.deep.include({
            sourceVolume: fileVolumeName("uploads"),
            containerPath: "/opt/hims/uploads",
            readOnly: false,
        });
        // The frontend mounts nothing, and no task mounts the reports access point.
        expect(tasks.get("caresync-staging-frontend").volumes).to.deep.equal([{ name: "tmp" }]);
        expect(backend.volumes.map((v: any) => v.name)).to.deep.equal(["tmp", fileVolumeName("uploads")]);

        const service = ofType(p, "aws:ecs/service:Service").find((s) => s.inputs.name === "backend")!;
        // EFS volumes need Fargate 1.4.0 or later.
        expect(service.inputs.platformVersion).to.equal("1.4.0");
        const mountTargets = ofType(p, "aws:efs/mountTarget:MountTarget").map((m) => m.urn);
        expect(mountTargets).to.have.length(3);
        expect(service.dependencies).to.include.members(mountTargets);
    });

    it("lets only the backend's task role mount and write its own access point, over TLS, never as root", async () => {
        const p = inTableAccount(await plan());
        const policies = collectPolicies(p);
        const fsPolicy = JSON.parse(awsArn(String(ofType(p, "aws:efs/fileSystemPolicy:FileSystemPolicy")[0].inputs.policy)));
        const fileSystem = arnOf(ofType(p, "aws:efs/fileSystem:FileSystem")[0]);
        const accessPoint = (name: string) => arnOf(ofType(p, "aws:efs/accessPoint:AccessPoint").find((a) => a.name === `files-${name}`)!);
        const mount = (role: string, action: string, context: Record<string, string>) => {
            const r = policies.roles.get(role)!;
            return decide({
                principal: r.arn,
                identityPolicies: r.policies,
                action: `elasticfilesystem:${action}`,
                resource: fileSystem,
                resourcePolicy: fsPolicy,
                context: { "aws:SecureTransport": "true", "elasticfilesystem:AccessedViaMountTarget": "true", ...context },
            });
        };
        const uploads = { "elasticfilesystem:AccessPointArn": accessPoint("uploads") };
        expect(await mount("ecs-backend-task", "ClientMount", uploads)).to.equal("Allowed");
        expect(await mount("ecs-backend-task", "ClientWrite", uploads)).to.equal("Allowed");
        expect(await mount("ecs-backend-task", "ClientRootAccess", uploads)).to.not.equal("Allowed");
        expect(await mount("ecs-backend-task", "ClientMount", { "elasticfilesystem:AccessPointArn": accessPoint("reports") })).to.not.equal(
            "Allowed",
        );
        expect(await mount("ecs-backend-task", "ClientMount", {})).to.equal("ExplicitlyDenied");
        expect(await mount("ecs-backend-task", "ClientMount", { ...uploads, "aws:SecureTransport": "false" })).to.equal("ExplicitlyDenied");
        expect(await mount("ecs-frontend-task", "ClientMount", uploads)).to.not.equal("Allowed");
    });

    it("writes the file system policy once, inside the ECS component, after every task role it names exists", async () => {
        const p = await plan();
        const [fsPolicy, ...others] = ofType(p, "aws:efs/fileSystemPolicy:FileSystemPolicy");
        expect(others).to.have.length(0);
        expect(fsPolicy.parent).to.match(/careplane:compute:EcsPlatform::ecs$/);
        const roles = ofType(p, "aws:iam/role:Role");
        const named = JSON.parse(String(fsPolicy.inputs.policy)).Statement.flatMap((s: any) =>
            s.Principal?.AWS === "*" ? [] : [s.Principal.AWS],
        );
        expect(named).to.have.length(1);
        // The mock engine names a role's ARN after its resource name.
        const role = roles.find((r) => named[0].endsWith(`:role/${r.name}`));
        expect(role?.name).to.equal("ecs-backend-task");
        expect(fsPolicy.dependencies).to.include(role!.urn);
    });

    it("admits NFS to the file system from a security group every mounting task carries, whose egress reaches it", async () => {
        const p = await plan();
        const groups = new Map(ofType(p, "aws:ec2/securityGroup:SecurityGroup").map((g) => [`${g.name}-id`, g.inputs as any]));
        const nfsSources = groups
            .get("files-id")
            .ingress.filter((r: any) => r.protocol === "tcp" && r.fromPort <= 2049 && r.toPort >= 2049)
            .flatMap((r: any) => r.securityGroups);
        const backend = inputsOf(p, "aws:ecs/service:Service").find((s) => s.name === "backend");
        const carried: string[] = backend.networkConfiguration.securityGroups.filter((g: string) => nfsSources.includes(g));
        expect(carried).to.not.be.empty;
        const reaches = carried.some((g) =>
            groups.get(g).egress.some((e: any) => e.protocol === "tcp" && e.fromPort <= 2049 && e.toPort >= 2049),
        );
        expect(reaches).to.equal(true);
    });

    it("refuses the ecs platform without a certificate, in one line", () => {
        const file = stackFile("staging", { "careplane:compute": { platform: "ecs" } });
        expect(() => parseStackConfig(file.config, file.file)).to.throw(
            "Pulumi.staging.yaml: careplane:compute.certificateArn = (missing) is not allowed: the load balancer serves HTTPS only and needs a certificate; set ingress.hostedZoneId (careplane requests and validates one for the hostname) or certificateArn (an issued ACM certificate)",
        );
    });

    it("requests and validates the listener's certificate in the stack's hosted zone when no ARN is given (issue 18 item 4)", async () => {
        const zoned = await planOf("staging", {
            ...seed001,
            "careplane:compute": {
                platform: "ecs",
                ingress: { hostname: "staging.caresync.example.org", hostedZoneId: "Z0STAGINGCARESYNC0EXMP" },
            },
        });
        const [certificate] = ofType(zoned, "aws:acm/certificate:Certificate");
        expect(certificate.inputs).to.deep.include({ domainName: "staging.caresync.example.org", validationMethod: "DNS" });
        const [validation] = ofType(zoned, "aws:acm/certificateValidation:CertificateValidation");
        const https = ofType(zoned, "aws:lb/listener:Listener").find((l) => (l.inputs as any).port === 443)!;
        expect(https.dependencies, "the listener waits for the issued certificate").to.include(validation.urn);
    });
});

describe("ECS Fargate behind CloudFront (dev with compute: ecs and careplane:cdn)", () => {
    let p: Awaited<ReturnType<typeof planOf>>;
    before(async () => {
        p = await planOf("dev", {
            ...seed001,
            "careplane:cdn": {
                enabled: true,
                certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d",
                originHostname: "origin.hims.example.org",
            },
        });
    });

    it("previews with zero mandatory violations", async () => {
        const mandatory = (await violationsOf(p)).filter((v) => v.enforcementLevel === "mandatory");
        expect(mandatory.map((v) => v.message)).to.deep.equal([]);
    });

    it("leaves the dev ALB deletable, where staging's refuses deletion (issue 18 item 7)", async () => {
        const [dev] = ofType(p, "aws:lb/loadBalancer:LoadBalancer");
        expect((dev.inputs as any).enableDeletionProtection).to.equal(false);
        const [staging] = ofType(await planOf("staging", seed001), "aws:lb/loadBalancer:LoadBalancer");
        expect((staging.inputs as any).enableDeletionProtection).to.equal(true);
    });

    it("lets only CloudFront's origin-facing servers reach the ALB, on HTTPS alone", () => {
        const [alb] = inputsOf(p, "aws:lb/loadBalancer:LoadBalancer");
        const albGroup = ofType(p, "aws:ec2/securityGroup:SecurityGroup").find((g) => alb.securityGroups.includes(`${g.name}-id`))!;
        expect(albGroup.inputs.ingress).to.deep.equal([
            {
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                prefixListIds: [MOCK_PREFIX_LISTS[CLOUDFRONT_ORIGIN_PREFIX_LIST].id],
                description: "HTTPS from CloudFront",
            },
        ]);
        expect(inputsOf(p, "aws:lb/listener:Listener").map((l) => l.port)).to.deep.equal([443]);
    });

    it("has the ALB's WAF block every request without CloudFront's secret origin header", () => {
        const [cdn] = inputsOf(p, "aws:cloudfront/distribution:Distribution");
        const [header] = cdn.origins[0].customHeaders;
        const association = ofType(p, "aws:wafv2/webAclAssociation:WebAclAssociation")[0];
        const acl = ofType(p, "aws:wafv2/webAcl:WebAcl").find((a) => String(association.inputs.webAclArn).endsWith(`/${a.name}`))!;
        const [first, rate] = acl.inputs.rules as any[];
        expect(first).to.deep.include({ priority: 0, action: { block: {} } });
        // Behind CloudFront the client is the first X-Forwarded-For address, not CloudFront's.
        expect(rate.statement.rateBasedStatement).to.deep.include({ aggregateKeyType: "FORWARDED_IP" });
        expect(first.statement.notStatement.statement.byteMatchStatement).to.deep.include({
            fieldToMatch: { singleHeader: { name: header.name } },
            positionalConstraint: "EXACTLY",
            searchString: "[secret]",
        });
        const origin = ofType(p, "random:index/randomPassword:RandomPassword").find((r) => r.name === "cdn-origin-verify")!;
        expect(acl.propertyDependencies.rules).to.include(origin.urn);
    });
});

describe("ECS Fargate with an image from GitHub Container Registry (staging with compute: ecs, frontend registry: ghcr)", () => {
    const withGhcr = {
        ...seed001,
        "careplane:services": {
            ...seed001["careplane:services"],
            frontend: { ...seed001["careplane:services"].frontend, registry: "ghcr" },
        },
    };

    it("runs the frontend from the cache's ghcr/ prefix, whose execution role alone may have ECR fetch it, and keeps the backend's own repository", async () => {
        const p = await planOf("staging", withGhcr);
        const mandatory = (await violationsOf(p)).filter((v) => v.enforcementLevel === "mandatory");
        expect(mandatory.map((v) => v.message)).to.deep.equal([]);
        const images = Object.fromEntries(
            inputsOf(p, "aws:ecs/taskDefinition:TaskDefinition").map((t) => {
                const [container] = JSON.parse(t.containerDefinitions);
                return [t.family.split("-").pop(), container.image];
            }),
        );
        expect(images.frontend).to.match(/^\d{12}\.dkr\.ecr\.us-east-1\.amazonaws\.com\/ghcr\/hims\/frontend:2\.3\.0$/);
        expect(images.backend).to.match(/^\d{12}\.dkr\.ecr\.us-east-1\.amazonaws\.com\/hims\/api:2\.3\.0$/);
        expect(inputsOf(p, "aws:ecr/repository:Repository").map((r) => r.name)).to.deep.equal(["hims/api"]);

        const policies = collectPolicies(p);
        const importAs = (role: string, repository: string) => {
            const r = policies.roles.get(role)!;
            return decide({
                principal: r.arn,
                identityPolicies: r.policies,
                action: "ecr:BatchImportUpstreamImage",
                resource: `arn:aws:ecr:us-east-1:123456789012:repository/${repository}`,
            });
        };
        expect(await importAs("ecs-frontend-execution", "ghcr/hims/frontend")).to.equal("Allowed");
        expect(await importAs("ecs-frontend-execution", "hims/api")).to.not.equal("Allowed");
        expect(await importAs("ecs-backend-execution", "ghcr/hims/frontend")).to.not.equal("Allowed");
        expect(ofType(p, "aws:ecr/pullThroughCacheRule:PullThroughCacheRule")).to.have.length(1);
    });
});
