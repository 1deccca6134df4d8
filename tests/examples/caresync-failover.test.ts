import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, parseStackConfig } from "../../components/config/stack-config";
import { Plan } from "../../tools/engine/plan";
import { ofType, planOf, ROOT, stackFile } from "../support/engine";
import { databaseInstances, examplePlan, hpaRanges, mandatoryViolations, theOne } from "./support";

// CareSync HMS [seed 000], Disaster Recovery, "Regional Disaster: Failover to Secondary Region": Route 53 moves the
// hostname to the secondary region; prod is in us-east-1 (its stack file), the DR region us-west-2.
const guide = { hostname: "app.caresync.example.org", zone: "Z0PRODCARESYNC0EXAMPLE", readinessPath: "/ready", region: "us-east-1" };
/** Application load balancers' canonical hosted zones: "Elastic Load Balancing endpoints and quotas", AWS General Reference. */
const albZones: Record<string, string> = { "us-east-1": "Z35SXDOTRQ7X7K", "us-west-2": "Z1H1FL5HABSF5" };
const DIR = path.join(ROOT, "examples", "caresync");

function ingressOf(plan: Plan) {
    const ingress = ofType(plan, "kubernetes:networking.k8s.io/v1:Ingress").find(
        (i) => (i.inputs.metadata as { name: string }).name === "caresync",
    );
    return ingress!.inputs.spec as {
        rules: Array<{ host?: string; http: { paths: Array<{ path: string; pathType: string; backend: any }> } }>;
    };
}

function failoverRecords(plan: Plan) {
    return ofType(plan, "aws:route53/record:Record").filter((r) => r.inputs.failoverRoutingPolicies !== undefined);
}

describe("examples/caresync regional failover [seed 000: Disaster Recovery]", () => {
    it("prod: the hostname is the PRIMARY record of a failover pair, an alias to its us-east-1 ALB that evaluates target health", async () => {
        const plan = await examplePlan("caresync", "prod");
        const [record] = failoverRecords(plan);
        expect(failoverRecords(plan)).to.have.length(1);
        expect(record.inputs).to.deep.include({
            zoneId: guide.zone,
            name: guide.hostname,
            type: "A",
            setIdentifier: guide.region,
            failoverRoutingPolicies: [{ type: "PRIMARY" }],
        });
        expect(record.inputs.ttl, "an alias record has no TTL").to.equal(undefined);
        expect(record.inputs.records, "an alias record has no values").to.equal(undefined);
        const [alias] = record.inputs.aliases as Array<{ name: string; zoneId: string; evaluateTargetHealth: boolean }>;
        expect(alias.zoneId, "the canonical zone of us-east-1's application load balancers").to.equal(albZones[guide.region]);
        expect(alias.evaluateTargetHealth).to.equal(true);
        expect(alias.name).to.match(new RegExp(`\\.${guide.region}\\.elb\\.amazonaws\\.com$`));
    });

    it("prod: Route 53 checks the api's readiness path over HTTPS on the load balancer's own name, not the hostname", async () => {
        const plan = await examplePlan("caresync", "prod");
        const check = theOne(plan, "aws:route53/healthCheck:HealthCheck");
        const [record] = failoverRecords(plan);
        const alias = (record.inputs.aliases as Array<{ name: string }>)[0];
        expect(check.inputs).to.deep.include({ type: "HTTPS", port: 443, resourcePath: guide.readinessPath, fqdn: alias.name });
        expect(check.inputs.fqdn).not.to.equal(guide.hostname);
        expect(check.inputs.requestInterval).to.be.oneOf([10, 30]);
        expect(check.inputs.failureThreshold).to.be.within(1, 10);
        expect(record.inputs.healthCheckId).to.equal(`${check.name}-id`);
        expect(record.dependencies).to.include(check.urn);
    });

    it("prod: the load balancer routes the readiness path to the api on any Host (the check's Host is the ALB's name), after the hostname's rules", async () => {
        const rules = ingressOf(await examplePlan("caresync", "prod")).rules;
        const last = rules[rules.length - 1];
        expect(last.host).to.equal(undefined);
        expect(last.http.paths).to.deep.equal([
            { path: guide.readinessPath, pathType: "Exact", backend: { service: { name: "api", port: { name: "https" } } } },
        ]);
        expect(rules.slice(0, -1).every((r) => r.host !== undefined)).to.equal(true);
    });

    for (const stack of ["dev", "test", "staging"]) {
        it(`${stack}: no failover records, no health check, no rule without a host (careplane:dr unset: a primary without failover)`, async () => {
            const plan = await examplePlan("caresync", stack);
            expect(failoverRecords(plan)).to.deep.equal([]);
            expect(ofType(plan, "aws:route53/healthCheck:HealthCheck")).to.deep.equal([]);
            expect(ingressOf(plan).rules.every((r) => r.host !== undefined)).to.equal(true);
        });
    }

    it("a pilot-light stack owns the SECONDARY record: an alias to its own region's ALB, without a health check", async () => {
        const plan = await planOf("prod", { "careplane:dr": { role: "pilot-light", failover: { service: "api" } } }, DIR);
        const [record] = failoverRecords(plan);
        expect(record.inputs.failoverRoutingPolicies).to.deep.equal([{ type: "SECONDARY" }]);
        expect(record.inputs.healthCheckId).to.equal(undefined);
        expect((record.inputs.aliases as Array<{ evaluateTargetHealth: boolean }>)[0].evaluateTargetHealth).to.equal(true);
        expect(ofType(plan, "aws:route53/healthCheck:HealthCheck")).to.deep.equal([]);
        expect(await mandatoryViolations("caresync", plan)).to.deep.equal([]);
    });

    it("a pilot light runs every Deployment at 0 replicas and keeps its HPAs at the prod floor, idle until the runbook scales up", async () => {
        const pilot = await planOf("prod", { "careplane:dr": { role: "pilot-light", failover: { service: "api" } } }, DIR);
        const prod = await examplePlan("caresync", "prod");
        const replicas = (plan: Plan) =>
            Object.fromEntries(
                ofType(plan, "kubernetes:apps/v1:Deployment")
                    .filter((d) => (d.inputs.metadata as { namespace?: string }).namespace === "caresync-prod")
                    .map((d) => [(d.inputs.metadata as { name: string }).name, (d.inputs.spec as { replicas: number }).replicas]),
            );
        expect(replicas(prod)).to.deep.equal({ web: 3, api: 3, worker: 3 });
        expect(replicas(pilot)).to.deep.equal({ web: 0, api: 0, worker: 0 });
        expect(hpaRanges(pilot)).to.deep.equal(hpaRanges(prod));
    });
});

describe("careplane:dr config", () => {
    const prod = stackFile("prod", {}, DIR);
    function errorWith(overrides: Record<string, unknown>): string {
        const { config, file } = stackFile("prod", overrides, DIR);
        try {
            parseStackConfig(config, file);
        } catch (e) {
            expect(e).to.be.instanceOf(ConfigError);
            expect((e as Error).message).not.to.contain("\n");
            return (e as Error).message;
        }
        throw new Error("expected a ConfigError");
    }
    const compute = JSON.parse(prod.config["careplane:compute"]);

    it("defaults to a primary without failover when unset", () => {
        const { config, file } = stackFile("prod", { "careplane:dr": undefined }, DIR);
        expect(parseStackConfig(config, file).dr).to.deep.equal({ role: "primary" });
    });

    it("names the file, the key, the value and the roles allowed for an unknown role", () => {
        expect(errorWith({ "careplane:dr": { role: "standby" } })).to.equal(
            `${prod.file}: careplane:dr.role = "standby" is not allowed: expected one of primary, pilot-light`,
        );
    });

    it("refuses a pilot light without failover: it exists to take the hostname over", () => {
        expect(errorWith({ "careplane:dr": { role: "pilot-light" } })).to.equal(
            `${prod.file}: careplane:dr.failover = (missing) is not allowed: a pilot light takes the hostname over; set failover.service`,
        );
    });

    it("refuses a failover service the load balancer does not route (a worker), naming the routed ones", () => {
        expect(errorWith({ "careplane:dr": { failover: { service: "worker" } } })).to.equal(
            `${prod.file}: careplane:dr.failover.service = "worker" is not allowed: expected a service the internet-facing load balancer routes: web, api`,
        );
    });

    it("refuses failover without the hostname's zone, where the records go", () => {
        const message = errorWith({
            "careplane:compute": {
                ...compute,
                ingress: { hostname: guide.hostname },
                certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
            },
        });
        expect(message).to.contain("careplane:dr.failover");
        expect(message).to.contain("hostedZoneId");
    });

    it("refuses failover behind CloudFront, whose header the health checkers lack", () => {
        const message = errorWith({
            "careplane:cdn": {
                enabled: true,
                originHostname: "origin.caresync.example.org",
                certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
            },
        });
        expect(message).to.contain("careplane:dr.failover");
        expect(message).to.contain("CloudFront");
    });
});

describe("tools/failover/failover.sh [seed 000: Disaster Recovery]", () => {
    const script = path.join(ROOT, "tools", "failover", "failover.sh");
    const text = () => fs.readFileSync(script, "utf8");

    it("is valid bash that shellcheck passes", () => {
        execFileSync("bash", ["-n", script]);
        execFileSync("shellcheck", [script]);
    });

    it("looks the records up as the plans write them: type A, failover PRIMARY and SECONDARY", async () => {
        const [record] = failoverRecords(await examplePlan("caresync", "prod"));
        expect(record.inputs.type).to.equal("A");
        expect(text()).to.include("Type=='A' && Failover=='${type}'");
        expect(text()).to.include('record "$zone" "$name" PRIMARY');
        expect(text()).to.include('record "$zone" "$name" SECONDARY');
    });

    it("fences the old primary on a path no rule for the check's Host routes (the ALB answers 404), unlike the readiness path", async () => {
        const plan = await examplePlan("caresync", "prod");
        const fenced = /--resource-path (\S+)/.exec(text())![1];
        // The check's Host is the load balancer's own name: only the rules without a host apply to it.
        const hostless = ingressOf(plan)
            .rules.filter((r) => r.host === undefined)
            .flatMap((r) => r.http.paths);
        const routes = (path: string) => hostless.some((p) => (p.pathType === "Exact" ? path === p.path : path.startsWith(p.path)));
        expect(routes(theOne(plan, "aws:route53/healthCheck:HealthCheck").inputs.resourcePath as string)).to.equal(true);
        expect(routes(fenced)).to.equal(false);
    });

    it("promotes with prod's point-in-time recovery window as the backup retention", async () => {
        const prod = await examplePlan("caresync", "prod");
        const primary = databaseInstances(prod, "primary")[0];
        expect(text()).to.include(`--backup-retention-period ${primary.inputs.backupRetentionPeriod}`);
    });

    it("scales the Deployments to the guide's 3 replicas in the runbook, and the runbook names every subcommand", () => {
        const runbook = fs.readFileSync(path.join(ROOT, "docs", "runbooks.md"), "utf8");
        const section = runbook.slice(runbook.indexOf("## Regional failover"));
        for (const sub of ["status", "promote", "fence", "scale", "verify"]) {
            expect(text()).to.match(new RegExp(`^    ${sub}\\) `, "m"));
            expect(section).to.include(`failover.sh ${sub} `);
        }
        expect(section).to.match(/failover\.sh scale .* 3`/);
    });
});
