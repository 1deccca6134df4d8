import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { EcsPlatform } from "../../../components/compute/ecs";
import { Routing } from "../../../components/compute/ingress";
import { ServicesConfig } from "../../../components/config/schema/services";
import { CloudFrontOrigin } from "../../../components/edge/cdn";
import { AlarmRoutes } from "../../../components/monitoring/alarm-routes";
import { ACCOUNT, buildAlone, keyArn, PARTITION } from "../../support/alone";

const certificate = (id: string) => `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/${id}`;
const PUBLIC_SUBNETS = ["subnet-public-a", "subnet-public-b"];
const APP_SUBNETS = ["subnet-app-a", "subnet-app-b"];
const SESSIONS = "/careplane/caresync-dev-admin-sessions";

interface Options {
    stack?: string;
    certificateArn?: string;
    apiReplicas?: { min: number; max: number };
    execute?: boolean;
    behindCdn?: boolean;
}

function ecs({
    stack = "dev",
    certificateArn = certificate("one"),
    apiReplicas = { min: 3, max: 8 },
    execute = false,
    behindCdn = false,
}: Options) {
    return buildAlone((context, config) => {
        // The stack's web, api and worker services; ECS routes every one through its internet-facing ALB.
        const { web, api, worker } = config.services;
        const services: ServicesConfig = {
            web: { ...web, exposure: "public" },
            api: { ...api, exposure: "public", replicas: apiReplicas },
            worker: { ...worker, exposure: "public" },
        };
        const cdnOrigin: CloudFrontOrigin | undefined = behindCdn
            ? { prefixListId: pulumi.output("pl-cloudfront"), header: { name: "x-origin-verify", value: pulumi.secret("stand-in") } }
            : undefined;
        new EcsPlatform("ecs", {
            context,
            vpcId: "vpc-0123",
            vpcCidr: "10.42.0.0/16",
            publicSubnetIds: PUBLIC_SUBNETS,
            appSubnetIds: APP_SUBNETS,
            clientSecurityGroupIds: { postgres: "sg-postgres-clients", redis: "sg-redis-clients", files: "sg-files-clients" },
            logsKeyArn: keyArn("logs"),
            secretsKeyArn: keyArn("secrets"),
            accountId: ACCOUNT,
            partition: PARTITION,
            execute: execute ? { logGroupName: SESSIONS, kmsKeyArn: keyArn("logs") } : undefined,
            cdnOrigin,
            alarmRoutes: new AlarmRoutes("alarms", { context, monitoring: config.monitoring, accountId: ACCOUNT, partition: PARTITION }),
            services,
            routing: new Routing(context, { ingress: { ...config.compute.ingress, scheme: "internet-facing" }, services, certificateArn }),
            analyticsDatabase: false,
        });
    }, stack);
}

type Built = Awaited<ReturnType<typeof ecs>>;
const listener = (built: Built, port: number) => built.ofType("aws:lb/listener:Listener").find((l) => l.inputs.port === port);
const service = (built: Built, name: string) => built.ofType("aws:ecs/service:Service").find((s) => s.name === `ecs-${name}`)!;

describe("EcsPlatform, built alone", () => {
    it("runs one Fargate service per service it is given, in the app subnets, starting at the service's minimum", async () => {
        for (const min of [3, 5]) {
            const built = await ecs({ apiReplicas: { min, max: 8 } });
            expect(built.ofType("aws:ecs/service:Service")).to.have.length(3);
            expect(service(built, "api").inputs.desiredCount).to.equal(min);
            expect((service(built, "api").inputs.networkConfiguration as any).subnets).to.deep.equal(APP_SUBNETS);
        }
    });

    it("terminates TLS with the certificate it is given on an ALB in the public subnets it is given", async () => {
        for (const id of ["one", "two"]) {
            const built = await ecs({ certificateArn: certificate(id) });
            expect(listener(built, 443)!.inputs.certificateArn).to.equal(certificate(id));
            expect(built.one("aws:lb/loadBalancer:LoadBalancer").inputs.subnets).to.deep.equal(PUBLIC_SUBNETS);
        }
    });

    it("behind CloudFront, admits CloudFront's prefix list on HTTPS only; otherwise redirects HTTP", async () => {
        const direct = await ecs({});
        expect(listener(direct, 80), "the HTTP redirect").to.not.equal(undefined);
        const behind = await ecs({ behindCdn: true });
        expect(listener(behind, 80)).to.equal(undefined);
        const albGroup = behind.ofType("aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === "ecs-alb")!;
        expect((albGroup.inputs.ingress as any[]).map((i) => i.prefixListIds)).to.deep.equal([["pl-cloudfront"]]);
    });

    it("logs ECS Exec sessions where it is told, encrypted, when given somewhere to log them", async () => {
        const withExec = (await ecs({ execute: true })).one("aws:ecs/cluster:Cluster").inputs.configuration as any;
        expect(withExec.executeCommandConfiguration).to.deep.include({ kmsKeyId: keyArn("logs"), logging: "OVERRIDE" });
        expect(withExec.executeCommandConfiguration.logConfiguration).to.include({
            cloudWatchLogGroupName: SESSIONS,
            cloudWatchEncryptionEnabled: true,
        });
        expect((await ecs({})).one("aws:ecs/cluster:Cluster").inputs.configuration).to.equal(undefined);
    });

    it("encrypts its log groups with the logs key, and refuses deleting the ALB in prod only", async () => {
        const built = await ecs({});
        for (const g of built.ofType("aws:cloudwatch/logGroup:LogGroup")) expect(g.inputs.kmsKeyId, g.name).to.equal(keyArn("logs"));
        expect(built.one("aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection).to.equal(false);
        expect((await ecs({ stack: "prod" })).one("aws:lb/loadBalancer:LoadBalancer").inputs.enableDeletionProtection).to.equal(true);
    });
});
