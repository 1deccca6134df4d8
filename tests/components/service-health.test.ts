import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../../components/config/stack-config";
import { deploymentKeys, ofType, planOf } from "../support/engine";

// careplane:services.<name>.health: the probes' paths and timing, per service, on EKS and ECS.

const base = {
    "aws:region": "us-east-1",
    "careplane:environment": "prod",
    "careplane:app": "caresync",
    "careplane:owner": "platform-team",
    "careplane:backup": '{"drRegion":"us-west-2"}',
    "careplane:monitoring": '{"oncallEmail":"platform-oncall@hospital.org"}',
    "careplane:compute": '{"ingress":{"hostname":"caresync.example.org","hostedZoneId":"Z0PRODCARESYNC0EXAMPLE"}}',
    "careplane:access": '{"breakGlass":{"users":["security-officer"]}}',
    ...deploymentKeys("prod"),
};
const DIGEST = `sha256:${"a".repeat(64)}`;
const withHealth = (health: unknown) => ({
    ...base,
    "careplane:services": JSON.stringify({ api: { tier: "api", image: "caresync/api", tag: "1.0.0", digest: DIGEST, health } }),
});

function refusal(health: unknown): string {
    try {
        parseStackConfig(withHealth(health), "Pulumi.prod.yaml");
    } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        expect((e as Error).message).not.to.contain("\n");
        return (e as Error).message;
    }
    throw new Error("expected a ConfigError");
}

describe("service health checks: config", () => {
    it("defaults to the probes every service had before: liveness /health after 30 s every 10 s, readiness /ready after 5 s every 5 s", () => {
        const cfg = parseStackConfig(withHealth(undefined), "Pulumi.prod.yaml");
        expect(cfg.services.api.health).to.deep.equal({
            liveness: { path: "/health", initialDelaySeconds: 30, periodSeconds: 10 },
            readiness: { path: "/ready", initialDelaySeconds: 5, periodSeconds: 5 },
        });
    });

    it("keeps the defaults of what a stack file leaves out", () => {
        const cfg = parseStackConfig(withHealth({ readiness: { path: "/api/health", timeoutSeconds: 3 } }), "Pulumi.prod.yaml");
        expect(cfg.services.api.health.readiness).to.deep.equal({
            path: "/api/health",
            initialDelaySeconds: 5,
            periodSeconds: 5,
            timeoutSeconds: 3,
        });
        expect(cfg.services.api.health.liveness.path).to.equal("/health");
    });

    describe("refuses every wrong value with one line naming the file, key, value and what is allowed", () => {
        const at = "Pulumi.prod.yaml: careplane:services.api.health";
        const cases: Array<[string, unknown, string]> = [
            [
                "a path without its slash",
                { liveness: { path: "health" } },
                `${at}.liveness.path = "health" is not allowed: expected an HTTP path such as /health`,
            ],
            [
                "a period below ECS's and the ALB's 5 s",
                { liveness: { periodSeconds: 3 } },
                `${at}.liveness.periodSeconds = 3 is not allowed: expected a period in whole seconds from 5 to 300`,
            ],
            [
                "a fractional delay",
                { liveness: { initialDelaySeconds: 1.5 } },
                `${at}.liveness.initialDelaySeconds = 1.5 is not allowed: expected a delay in whole seconds from 0 to 300`,
            ],
            [
                "a delay beyond ECS's 300 s start period",
                { liveness: { initialDelaySeconds: 301 } },
                `${at}.liveness.initialDelaySeconds = 301 is not allowed: expected a delay in whole seconds from 0 to 300`,
            ],
            [
                "a timeout below 2 s",
                { liveness: { timeoutSeconds: 1 } },
                `${at}.liveness.timeoutSeconds = 1 is not allowed: expected a timeout in whole seconds from 2 to 60`,
            ],
            [
                "a timeout as long as the period",
                { readiness: { timeoutSeconds: 5 } },
                `${at}.readiness.timeoutSeconds = 5 is not allowed: expected a timeout shorter than periodSeconds`,
            ],
            [
                "a readiness timeout the ALB's 15 s interval cannot hold",
                { readiness: { periodSeconds: 30, timeoutSeconds: 20 } },
                `${at}.readiness.timeoutSeconds = 20 is not allowed: the load balancer checks every 15 s; expected a timeout from 2 to 14`,
            ],
            [
                "a readiness threshold below the ALB's 2",
                { readiness: { failureThreshold: 1 } },
                `${at}.readiness.failureThreshold = 1 is not allowed: expected a count from 2 to 10`,
            ],
            [
                "a liveness threshold above ECS's 10 retries",
                { liveness: { failureThreshold: 11 } },
                `${at}.liveness.failureThreshold = 11 is not allowed: expected a count from 1 to 10`,
            ],
            [
                "a container tool careplane does not know",
                { command: "nc" },
                `${at}.command = "nc" is not allowed: expected curl or wget (the tool the image contains)`,
            ],
            [
                "a container check on EKS",
                { command: "curl" },
                `${at}.command = "curl" is not allowed: a container check command applies to ECS only; on eks remove health.command (the kubelet runs the probes)`,
            ],
            [
                "an unknown key",
                { liveness: { port: 8080 } },
                `${at}.liveness.port = 8080 is not allowed: unknown key; allowed keys: path, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold`,
            ],
            [
                "a probe given as a path",
                { readiness: "/health" },
                `${at}.readiness = "/health" is not allowed: expected a mapping with path, initialDelaySeconds, periodSeconds, timeoutSeconds, failureThreshold`,
            ],
        ];
        for (const [what, health, message] of cases) {
            it(what, () => expect(refusal(health)).to.equal(message));
        }
    });
});

const CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8190-a1b2c3d4e5f6";
const inputsOf = (plan: Awaited<ReturnType<typeof planOf>>, type: string) => ofType(plan, type).map((r) => r.inputs as any);

describe("service health checks on ECS (staging with compute: ecs)", () => {
    const plan = () =>
        planOf("staging", {
            "careplane:compute": { platform: "ecs", certificateArn: CERTIFICATE },
            "careplane:services": {
                frontend: { tier: "web", image: "hims/frontend", tag: "2.3.0" },
                backend: {
                    tier: "api",
                    image: "hims/api",
                    tag: "2.3.0",
                    port: 8080,
                    path: "/api",
                    health: {
                        command: "wget",
                        liveness: { path: "/health", initialDelaySeconds: 20, periodSeconds: 10, timeoutSeconds: 4, failureThreshold: 2 },
                        readiness: { path: "/health/detailed", timeoutSeconds: 3, failureThreshold: 4 },
                    },
                },
            },
        });

    it("checks each target group on its service's readiness path, timeout and threshold; the defaults elsewhere", async () => {
        const groups = inputsOf(await plan(), "aws:lb/targetGroup:TargetGroup");
        const check = (service: string) => groups.filter((g) => g.tags.Service === service).map((g) => g.healthCheck);
        const backend = { path: "/health/detailed", matcher: "200", interval: 15, healthyThreshold: 2, unhealthyThreshold: 4, timeout: 3 };
        expect(check("backend")).to.deep.equal([backend, backend]);
        const frontend = { path: "/ready", matcher: "200", interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 };
        expect(check("frontend")).to.deep.equal([frontend, frontend]);
    });

    it("runs the liveness check inside the container with the named tool, and none where no tool is named", async () => {
        const tasks = new Map(
            inputsOf(await plan(), "aws:ecs/taskDefinition:TaskDefinition").map((t) => [t.family, JSON.parse(t.containerDefinitions)]),
        );
        const [backend] = tasks.get("caresync-staging-backend");
        expect(backend.healthCheck).to.deep.equal({
            command: ["CMD-SHELL", "wget -q -O /dev/null http://localhost:8080/health || exit 1"],
            interval: 10,
            startPeriod: 20,
            timeout: 4,
            retries: 2,
        });
        const [frontend] = tasks.get("caresync-staging-frontend");
        expect(frontend).not.to.have.property("healthCheck");
    });
});

describe("service health checks on EKS (staging)", () => {
    const plan = () =>
        planOf("staging", {
            "careplane:services": {
                web: { tier: "web", image: "caresync/web", tag: "1.4.2" },
                api: {
                    tier: "api",
                    image: "caresync/api",
                    tag: "1.4.2",
                    health: {
                        liveness: { path: "/live", initialDelaySeconds: 15, periodSeconds: 20, timeoutSeconds: 4, failureThreshold: 5 },
                        readiness: {
                            path: "/api/health",
                            initialDelaySeconds: 2,
                            periodSeconds: 6,
                            timeoutSeconds: 3,
                            failureThreshold: 2,
                        },
                    },
                },
            },
        });

    it("gives each Deployment its service's probes", async () => {
        const deployments = new Map(
            inputsOf(await plan(), "kubernetes:apps/v1:Deployment").map((d) => [d.metadata.name, d.spec.template.spec.containers[0]]),
        );
        expect(deployments.get("api").livenessProbe).to.deep.equal({
            httpGet: { path: "/live", port: "http" },
            initialDelaySeconds: 15,
            periodSeconds: 20,
            timeoutSeconds: 4,
            failureThreshold: 5,
        });
        expect(deployments.get("api").readinessProbe).to.deep.equal({
            httpGet: { path: "/api/health", port: "http" },
            initialDelaySeconds: 2,
            periodSeconds: 6,
            timeoutSeconds: 3,
            failureThreshold: 2,
        });
        expect(deployments.get("web").readinessProbe.httpGet.path).to.equal("/ready");
    });

    it("has the ALB check each service's targets on its readiness path, timeout and threshold (Service annotations), not one path for all", async () => {
        const p = await plan();
        const annotations = new Map(inputsOf(p, "kubernetes:core/v1:Service").map((s) => [s.metadata.name, s.metadata.annotations]));
        expect(annotations.get("api")).to.deep.equal({
            "alb.ingress.kubernetes.io/healthcheck-path": "/api/health",
            "alb.ingress.kubernetes.io/healthcheck-timeout-seconds": "3",
            "alb.ingress.kubernetes.io/unhealthy-threshold-count": "2",
        });
        expect(annotations.get("web")).to.deep.equal({ "alb.ingress.kubernetes.io/healthcheck-path": "/ready" });
        const [ingress] = inputsOf(p, "kubernetes:networking.k8s.io/v1:Ingress");
        expect(ingress.metadata.annotations).not.to.have.property("alb.ingress.kubernetes.io/healthcheck-path");
    });
});
