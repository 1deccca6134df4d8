import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../../components/config/stack-config";
import { deploymentKeys } from "../support/engine";

// The keys issue 19's per-system items added: each wrong value stops the program in one line.
const base = {
    "aws:region": "us-east-1",
    "careplane:environment": "prod",
    "careplane:app": "systems",
    "careplane:owner": "platform-team",
    "careplane:backup": JSON.stringify({ drRegion: "us-west-2" }),
    "careplane:monitoring": JSON.stringify({ oncallEmail: "oncall@hospital.example.org" }),
    // Every stack's load balancer needs a certificate: here one careplane requests in the stack's zone.
    "careplane:compute": JSON.stringify({ ingress: { hostname: "systems.example.org", hostedZoneId: "Z0PRODSYSTEMS0EXAMPLE" } }),
    "careplane:access": JSON.stringify({ breakGlass: { users: ["security-officer"] } }),
    ...deploymentKeys("prod"),
};
const ecs = { platform: "ecs", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/6f1c2a8e-3b1d-4c1e-9a55-0d2f7e4b9c10" };
// Prod runs images by digest.
const api = { tier: "api", image: "hims/api", tag: "1.0.0", digest: `sha256:${"a".repeat(64)}` };

function parse(overrides: Record<string, unknown>) {
    const raw = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, JSON.stringify(v)]));
    return parseStackConfig({ ...base, ...raw }, "Pulumi.prod.yaml");
}

function errorOf(overrides: Record<string, unknown>): string {
    try {
        parse(overrides);
    } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        return (e as Error).message;
    }
    throw new Error("expected a ConfigError");
}

describe("careplane:services.<name>.task [seed 001]", () => {
    it("takes a Fargate CPU/memory pair on ECS", () => {
        const cfg = parse({ "careplane:compute": ecs, "careplane:services": { api: { ...api, task: { cpu: 2048, memory: 8192 } } } });
        expect(cfg.services.api.task).to.deep.equal({ cpu: 2048, memory: 8192 });
    });

    it("refuses a memory figure Fargate does not pair with the CPU", () => {
        expect(errorOf({ "careplane:compute": ecs, "careplane:services": { api: { ...api, task: { cpu: 1024, memory: 1024 } } } })).to.equal(
            "Pulumi.prod.yaml: careplane:services.api.task.memory = 1024 is not allowed: Fargate runs 1024 CPU units with 2048 to 8192 MiB in steps of 1024",
        );
    });

    it("refuses a CPU figure Fargate does not offer", () => {
        expect(errorOf({ "careplane:compute": ecs, "careplane:services": { api: { ...api, task: { cpu: 1000, memory: 2048 } } } })).to.equal(
            "Pulumi.prod.yaml: careplane:services.api.task.cpu = 1000 is not allowed: expected Fargate CPU units: one of 256, 512, 1024, 2048, 4096, 8192, 16384",
        );
    });

    it("refuses a task size on EKS", () => {
        expect(errorOf({ "careplane:services": { api: { ...api, task: { cpu: 1024, memory: 2048 } } } })).to.match(
            /^Pulumi\.prod\.yaml: careplane:services\.api\.task = \{"cpu":1024,"memory":2048\} is not allowed: a task size applies to ECS Fargate only/,
        );
    });
});

describe("careplane:services.<name>.host and .egress [seeds 002, 003]", () => {
    it("refuses a host that is not a DNS name", () => {
        expect(errorOf({ "careplane:services": { api: { ...api, host: "API_host" } } })).to.equal(
            'Pulumi.prod.yaml: careplane:services.api.host = "API_host" is not allowed: expected a DNS name such as api.example.org',
        );
    });

    it("refuses a host on ECS, whose load balancer routes by path", () => {
        expect(errorOf({ "careplane:compute": ecs, "careplane:services": { api: { ...api, host: "api.example.org" } } })).to.match(
            /careplane:services\.api\.host = "api\.example\.org" is not allowed: a host per service is built for the EKS Ingress only/,
        );
    });

    it("refuses an egress port out of range and egress on ECS", () => {
        expect(errorOf({ "careplane:services": { api: { ...api, egress: [{ host: "smtp.example.org", port: 70000 }] } } })).to.equal(
            "Pulumi.prod.yaml: careplane:services.api.egress.0.port = 70000 is not allowed: expected a port from 1 to 65535",
        );
        expect(
            errorOf({ "careplane:compute": ecs, "careplane:services": { api: { ...api, egress: [{ host: "smtp.example.org", port: 587 }] } } }),
        ).to.match(/careplane:services\.api\.egress = .* is not allowed: egress endpoints are built for EKS NetworkPolicies only/);
    });
});

describe("careplane:maintenance [seed 000]", () => {
    const window = { description: "monthly", schedule: "cron(0 1 ? * SUN#1 *)", timezone: "America/New_York", hours: 5 };

    it("takes SSM windows in a named time zone", () => {
        expect(parse({ "careplane:maintenance": { windows: { "monthly-major": window } } }).maintenance.windows["monthly-major"]).to.deep.equal(window);
    });

    it("refuses a time zone SSM does not know, a schedule that is not SSM cron, and a duration over 24 hours", () => {
        const with_ = (w: object) => ({ "careplane:maintenance": { windows: { "monthly-major": { ...window, ...w } } } });
        expect(errorOf(with_({ timezone: "EST5" }))).to.equal(
            'Pulumi.prod.yaml: careplane:maintenance.windows.monthly-major.timezone = "EST5" is not allowed: expected an IANA time zone such as America/New_York',
        );
        expect(errorOf(with_({ schedule: "0 1 * * 0" }))).to.equal(
            'Pulumi.prod.yaml: careplane:maintenance.windows.monthly-major.schedule = "0 1 * * 0" is not allowed: expected an SSM cron expression such as cron(0 1 ? * SUN#1 *)',
        );
        expect(errorOf(with_({ schedule: "cron(0 1 1 * SUN *)" }))).to.match(/expected \? in exactly one of day-of-month and day-of-week/);
        expect(errorOf(with_({ hours: 25 }))).to.equal(
            "Pulumi.prod.yaml: careplane:maintenance.windows.monthly-major.hours = 25 is not allowed: expected an integer number of hours from 1 to 24",
        );
    });
});
