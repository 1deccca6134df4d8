import { expect } from "chai";
import { Plan } from "../../tools/engine/plan";
import { ofType } from "../support/engine";
import { examplePlan, hpaRanges, hpaTargets } from "./support";

// Issue 19, "Health checks per service" and "Autoscaling on CPU and memory": each seed's own health
// endpoints, and seed 001's 3–15 tasks at 70 % CPU and 80 % memory, as the examples' plans carry them.

const get = (path: string) => ({ httpGet: { path, port: "http" } });
/** Each Deployment's container probes, by service. */
function probes(plan: Plan): Record<string, { liveness: unknown; readiness: unknown }> {
    return Object.fromEntries(
        ofType(plan, "kubernetes:apps/v1:Deployment").map((d) => {
            const spec = d.inputs.spec as any;
            const [c] = spec.template.spec.containers;
            return [spec.selector.matchLabels["app.kubernetes.io/name"], { liveness: c.livenessProbe, readiness: c.readinessProbe }];
        }),
    );
}
/** The path the ALB checks each routed service's targets on (its Service's annotation). */
function albPaths(plan: Plan): Record<string, string> {
    return Object.fromEntries(
        ofType(plan, "kubernetes:core/v1:Service")
            .map((s) => s.inputs.metadata as { name: string; annotations?: Record<string, string> })
            .filter((m) => m.annotations?.["alb.ingress.kubernetes.io/healthcheck-path"])
            .map((m) => [m.name, m.annotations!["alb.ingress.kubernetes.io/healthcheck-path"]]),
    );
}

describe("the seeds' health checks and autoscaling in the examples' plans (issue 19)", () => {
    describe("caresync prod [seed 000]", () => {
        it("probes every service on the guide's /health and /ready, with its delays and periods", async () => {
            const got = probes(await examplePlan("caresync", "prod"));
            expect(Object.keys(got).sort()).to.deep.equal(["api", "web", "worker"]);
            for (const service of Object.values(got)) {
                expect(service).to.deep.equal({
                    liveness: { ...get("/health"), initialDelaySeconds: 30, periodSeconds: 10 },
                    readiness: { ...get("/ready"), initialDelaySeconds: 5, periodSeconds: 5 },
                });
            }
        });
    });

    for (const stack of ["prod", "staging"]) {
        describe(`arocord ${stack} [seed 001]`, () => {
            const plan = () => examplePlan("arocord", stack);

            it("checks the backend's targets on /health/detailed (database and Redis), the guide's detailed endpoint", async () => {
                const groups = ofType(await plan(), "aws:lb/targetGroup:TargetGroup").map((g) => g.inputs as any);
                const paths = groups.map((g) => [g.tags.Service, g.tags.Slot, g.healthCheck.path]).sort();
                expect(paths).to.deep.equal([
                    ["backend", "blue", "/health/detailed"],
                    ["backend", "green", "/health/detailed"],
                    ["frontend", "blue", "/ready"],
                    ["frontend", "green", "/ready"],
                ]);
            });

            it("scales the backend 3–15 tasks on CPU 70 % and memory 80 %, as the guide's autoscaling says", async () => {
                const p = await plan();
                const backend = ofType(p, "aws:appautoscaling/target:Target").find((t) =>
                    String(t.inputs.resourceId).endsWith("/backend"),
                )!;
                expect([backend.inputs.minCapacity, backend.inputs.maxCapacity]).to.deep.equal([3, 15]);
                const policies = ofType(p, "aws:appautoscaling/policy:Policy")
                    .filter((r) => String(r.inputs.resourceId).endsWith("/backend"))
                    .map((r) => (r.inputs as any).targetTrackingScalingPolicyConfiguration)
                    .map((c) => [c.predefinedMetricSpecification.predefinedMetricType, c.targetValue])
                    .sort();
                expect(policies).to.deep.equal([
                    ["ECSServiceAverageCPUUtilization", 70],
                    ["ECSServiceAverageMemoryUtilization", 80],
                ]);
            });
        });
    }

    describe("omnicare prod [seed 002]", () => {
        it("probes the backend on /health and the frontend on /api/health, and the ALB checks the same paths", async () => {
            const p = await examplePlan("omnicare", "prod");
            const got = probes(p);
            expect(got.backend.liveness).to.deep.include(get("/health"));
            expect(got.backend.readiness).to.deep.include(get("/health"));
            expect(got.frontend.liveness).to.deep.include(get("/api/health"));
            expect(got.frontend.readiness).to.deep.include(get("/api/health"));
            expect(albPaths(p)).to.deep.equal({ backend: "/health", frontend: "/api/health" });
        });
    });

    describe("tenant-provisioning prod [seed 003]", () => {
        it("gives the service the guide's probes on /health, with their delays, periods, timeouts and thresholds", async () => {
            const p = await examplePlan("tenant-provisioning", "prod");
            expect(probes(p)["tenant-provisioning"]).to.deep.equal({
                liveness: { ...get("/health"), initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
                readiness: { ...get("/health"), initialDelaySeconds: 10, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 },
            });
            expect(albPaths(p)).to.deep.equal({ "tenant-provisioning": "/health" });
            const service = ofType(p, "kubernetes:core/v1:Service").find((s) => (s.inputs.metadata as any).name === "tenant-provisioning")!;
            expect((service.inputs.metadata as any).annotations).to.include({
                "alb.ingress.kubernetes.io/healthcheck-timeout-seconds": "3",
                "alb.ingress.kubernetes.io/unhealthy-threshold-count": "3",
            });
        });

        it("keeps the guide's HPA (3–10 on CPU 70 % and memory 80 %)", async () => {
            const p = await examplePlan("tenant-provisioning", "prod");
            expect(hpaRanges(p)["tenant-provisioning"]).to.deep.equal({ min: 3, max: 10 });
            expect(hpaTargets(ofType(p, "kubernetes:autoscaling/v2:HorizontalPodAutoscaler")[0])).to.deep.equal({ cpu: 70, memory: 80 });
        });
    });

    for (const stack of ["dev", "staging", "prod"]) {
        describe(`healthbridge ${stack} [seed 004]`, () => {
            it("probes the backend on /api/health, and the ALB checks it there", async () => {
                const p = await examplePlan("healthbridge", stack);
                expect(probes(p).backend.liveness).to.deep.include(get("/api/health"));
                expect(probes(p).backend.readiness).to.deep.include(get("/api/health"));
                expect(albPaths(p).backend).to.equal("/api/health");
            });
        });
    }
});
