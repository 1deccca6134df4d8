import { expect } from "chai";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, parseStackConfig } from "../../components/config/stack-config";
import { Plan } from "../../tools/engine/plan";
import { demandAtMaximum, standbyNodes, supplyAt } from "../../components/compute/capacity";
import { ofType, ROOT, stackFile } from "../support/engine";
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

    it("prod-dr, the pilot light, owns the SECONDARY record: an alias to its own us-west-2 ALB, without a health check", async () => {
        const plan = await examplePlan("caresync", "prod-dr");
        const [record] = failoverRecords(plan);
        expect(failoverRecords(plan)).to.have.length(1);
        expect(record.inputs).to.deep.include({ zoneId: guide.zone, name: guide.hostname, setIdentifier: "us-west-2" });
        expect(record.inputs.failoverRoutingPolicies).to.deep.equal([{ type: "SECONDARY" }]);
        expect(record.inputs.healthCheckId).to.equal(undefined);
        const [alias] = record.inputs.aliases as Array<{ zoneId: string; evaluateTargetHealth: boolean }>;
        expect(alias).to.deep.include({ zoneId: albZones["us-west-2"], evaluateTargetHealth: true });
        expect(ofType(plan, "aws:route53/healthCheck:HealthCheck")).to.deep.equal([]);
        expect(await mandatoryViolations("caresync", plan)).to.deep.equal([]);
    });

    it("prod-dr runs every Deployment at 0 replicas and keeps its HPAs at the prod floor, idle until the runbook scales up", async () => {
        const pilot = await examplePlan("caresync", "prod-dr");
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

    it("prod-dr keeps the fewest nodes its controllers need (one per AZ here), up to prod's maximum for the runbook's scale-up", async () => {
        const scaling = async (stack: string) =>
            theOne(await examplePlan("caresync", stack), "aws:eks/nodeGroup:NodeGroup").inputs.scalingConfig as Record<string, number>;
        const prod = await scaling("prod");
        expect(prod).to.deep.equal({ desiredSize: 6, minSize: 6, maxSize: 12 });
        expect(await scaling("prod-dr")).to.deep.equal({ desiredSize: 3, minSize: 3, maxSize: prod.maxSize });
    });

    it("prod-dr's database is a cross-region read replica of prod's primary, by its ARN, under a key of us-west-2, protected", async () => {
        const pilot = await examplePlan("caresync", "prod-dr");
        const prodPrimary = databaseInstances(await examplePlan("caresync", "prod"), "primary")[0];
        const instances = ofType(pilot, "aws:rds/instance:Instance");
        const source = instances.find((i) => String(i.inputs.replicateSourceDb).startsWith("arn:"))!;
        // The ARN RDS gives prod's primary: arn:aws:rds:<region>:<account>:db:<identifier>.
        expect(source.inputs.replicateSourceDb).to.equal(`arn:aws:rds:us-east-1:123456789012:db:${prodPrimary.inputs.identifier}`);
        const dataKey = ofType(pilot, "aws:kms/key:Key").find((k) => k.name === "keys-data")!;
        expect(source.inputs.kmsKeyId).to.equal(`arn:aws:kms:us-west-2:123456789012:key/${dataKey.name}`);
        expect(source.dependencies).to.include(dataKey.urn);
        for (const key of ["username", "password", "dbName", "engine", "allocatedStorage"]) {
            expect(source.inputs[key], `${key} comes from the source`).to.equal(undefined);
        }
        expect(source.inputs.dbSubnetGroupName).to.be.a("string");
        expect(source.inputs.deletionProtection).to.equal(true);
        expect(source.protect).to.equal(true);
        // The in-region replicas replicate it (cascading replicas of RDS for PostgreSQL): none names prod's.
        const others = instances.filter((i) => i !== source);
        expect(others.map((i) => i.inputs.replicateSourceDb)).to.deep.equal(others.map(() => source.inputs.identifier));
    });

    it("prod-dr creates no login entries, no database roles and rotates nothing of prod's: a replica is read-only", async () => {
        const pilot = await examplePlan("caresync", "prod-dr");
        const shared = ["api/database", "worker/database", "database-monitoring", "database-master", "jwt", "smtp"];
        const secretNames = ofType(pilot, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name);
        for (const entry of shared) expect(secretNames).not.to.include(`caresync/prod/${entry}`);
        expect(pilot.resources.filter((r) => r.type.startsWith("postgresql:"))).to.deep.equal([]);
        // Only its own entries rotate (the mock engine's ARN of a secret ends with its resource name): its Redis users.
        const rotated = ofType(pilot, "aws:secretsmanager/secretRotation:SecretRotation").map(
            (r) => String(r.inputs.secretId).split(":secret/")[1],
        );
        expect(rotated.sort()).to.deep.equal(["secrets-api/redis", "secrets-redis-monitoring", "secrets-worker/redis"]);
    });

    it("prod-dr's services connect to its own replicas: the replicated login entry's host and readerHosts are overridden with us-west-2's", async () => {
        const pilot = await examplePlan("caresync", "prod-dr");
        const instances = ofType(pilot, "aws:rds/instance:Instance");
        const address = (r: (typeof instances)[number]) => `${r.inputs.identifier}.`;
        const [primary, ...replicas] = instances;
        for (const service of ["api", "worker"]) {
            const target = (
                ofType(pilot, "kubernetes:external-secrets.io/v1:ExternalSecret").find(
                    (e) => (e.inputs.metadata as { name: string }).name === `${service}-secrets`,
                )!.inputs.spec as any
            ).target;
            expect(target.template).to.deep.include({ engineVersion: "v2", mergePolicy: "Merge" });
            const data = target.template.data as { DATABASE_host: string; DATABASE_readerHosts: string };
            expect(data.DATABASE_host.startsWith(address(primary)) && data.DATABASE_host.includes(".us-west-2.rds.")).to.equal(true);
            const readers = JSON.parse(data.DATABASE_readerHosts) as string[];
            expect(readers.map((h) => h.split(".")[0])).to.deep.equal(replicas.map((r) => r.inputs.identifier));
        }
        // prod's own services read their entries as they are.
        const prodTargets = ofType(await examplePlan("caresync", "prod"), "kubernetes:external-secrets.io/v1:ExternalSecret").map(
            (e) => (e.inputs.spec as any).target,
        );
        expect(prodTargets.some((t) => t.template !== undefined)).to.equal(false);
    });

    it("prod replicates exactly the entries prod-dr's services and exporter read and do not create, to us-west-2 under a us-west-2 key", async () => {
        const prod = await examplePlan("caresync", "prod");
        const pilot = await examplePlan("caresync", "prod-dr");
        const drKey = ofType(prod, "aws:kms/key:Key").find(
            (k) => k.provider?.endsWith("::dr") && (k.inputs.tags as any).KeyClass === "secrets",
        )!;
        expect(drKey, "a secrets key of prod's, in us-west-2").to.not.equal(undefined);
        const replicated = ofType(prod, "aws:secretsmanager/secret:Secret").filter((s) => s.inputs.replicas !== undefined);
        for (const s of replicated) {
            expect(s.inputs.replicas).to.deep.equal([
                { region: "us-west-2", kmsKeyId: `arn:aws:kms:us-west-2:123456789012:key/${drKey.name}` },
            ]);
        }
        const own = new Set(ofType(pilot, "aws:secretsmanager/secret:Secret").map((s) => s.inputs.name as string));
        const read = new Set(
            ofType(pilot, "kubernetes:external-secrets.io/v1:ExternalSecret").flatMap((e) => {
                const spec = e.inputs.spec as {
                    dataFrom?: Array<{ extract: { key: string } }>;
                    data?: Array<{ remoteRef: { key: string } }>;
                };
                return [...(spec.dataFrom ?? []).map((d) => d.extract.key), ...(spec.data ?? []).map((d) => d.remoteRef.key)];
            }),
        );
        const needed = [...read].filter((name) => !own.has(name)).sort();
        expect(replicated.map((s) => s.inputs.name).sort()).to.deep.equal(needed);
        expect(needed).to.include.members(["caresync/prod/api/database", "caresync/prod/jwt", "caresync/prod/smtp"]);
        // Prod's own Redis users are not replicated: the pilot light has its own cache and entries for it.
        expect(replicated.map((s) => s.inputs.name)).not.to.include("caresync/prod/api/redis");
    });

    it("prod's replicated entries admit prod-dr's readers by role ARN (replicas carry the primary's policy), and they decrypt with its key", async () => {
        const prod = await examplePlan("caresync", "prod");
        const pilot = await examplePlan("caresync", "prod-dr");
        const { config, file } = stackFile("prod-dr", {}, DIR);
        const secretsKey = parseStackConfig(config, file).dr.source!.secretsKey;
        const admitted = (entry: string) => {
            const policy = ofType(prod, "aws:secretsmanager/secretPolicy:SecretPolicy").find((p) => p.name === `secrets-${entry}`)!;
            return JSON.parse(policy.inputs.policy as string).Statement[0].Condition.ArnNotEquals["aws:PrincipalArn"] as string[];
        };
        const roleArn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
        const readers: Array<[string, string, string]> = [
            ["api/database", "workloads-api", "workloads-api-secrets"],
            ["jwt", "workloads-api", "workloads-api-secrets"],
            ["smtp", "workloads-worker", "workloads-worker-secrets"],
            ["database-monitoring", "monitoring-postgres-exporter-reader", "monitoring-postgres-exporter-reader"],
        ];
        for (const [entry, roleResource, policyResource] of readers) {
            const role = ofType(pilot, "aws:iam/role:Role").find((r) => r.name === roleResource)!;
            expect(role.inputs.name, roleResource).to.match(/^caresync-prod-dr-/);
            expect(admitted(entry), entry).to.include(roleArn(role.inputs.name as string));
            const statements = JSON.parse(
                ofType(pilot, "aws:iam/policy:Policy").find((p) => p.name === policyResource)!.inputs.policy as string,
            ).Statement as Array<{ Action: string | string[]; Resource: string | string[]; Condition?: unknown }>;
            const reads = statements.find((s) => [s.Action].flat().includes("secretsmanager:GetSecretValue"))!;
            expect([reads.Resource].flat()).to.include(
                `arn:aws:secretsmanager:us-west-2:123456789012:secret:caresync/prod/${entry}-??????`,
            );
            const decrypts = statements.filter((s) => s.Action === "kms:Decrypt").map((s) => s.Resource);
            expect(decrypts, policyResource).to.include(secretsKey);
        }
        // The worker reads no JWT; a role of prod-dr reading no replicated entry decrypts with prod's key nowhere.
        expect(admitted("jwt")).not.to.include(roleArn("caresync-prod-dr-worker-workload"));
        const redisReader = JSON.parse(
            ofType(pilot, "aws:iam/policy:Policy").find((p) => p.name === "monitoring-redis-exporter-reader")!.inputs.policy as string,
        );
        expect(JSON.stringify(redisReader)).not.to.include(secretsKey);
    });

    it("prod-dr's keys name its own break-glass role for administration, not prod's, and that role exists in its plan", async () => {
        const pilot = await examplePlan("caresync", "prod-dr");
        const ownRole = "arn:aws:iam::123456789012:role/caresync-prod-dr-break-glass";
        expect(ofType(pilot, "aws:iam/role:Role").map((r) => r.inputs.name)).to.include("caresync-prod-dr-break-glass");
        const keys = ofType(pilot, "aws:kms/key:Key");
        expect(keys.length).to.be.greaterThan(0);
        for (const key of keys) {
            const policy = String(key.inputs.policy);
            expect(policy, key.name).to.contain(ownRole);
            expect(policy, key.name).to.not.contain("role/caresync-prod-break-glass");
        }
    });

    it("prod-dr's account-unique names (IAM, S3, CloudTrail) and its us-west-2 KMS aliases are caresync-prod-dr-*, none of prod's", async () => {
        const prod = await examplePlan("caresync", "prod");
        const pilot = await examplePlan("caresync", "prod-dr");
        const named: Array<[string, string]> = [
            ["aws:iam/role:Role", "name"],
            ["aws:iam/policy:Policy", "name"],
            ["aws:s3/bucket:Bucket", "bucket"],
            ["aws:cloudtrail/trail:Trail", "name"],
            ["aws:kms/alias:Alias", "name"],
            ["aws:accessanalyzer/analyzer:Analyzer", "analyzerName"],
        ];
        for (const [type, key] of named) {
            const names = (plan: Plan) =>
                ofType(plan, type)
                    .map((r) => r.inputs[key] as string | undefined)
                    .filter((n): n is string => !!n);
            expect(names(pilot).length, type).to.be.greaterThan(0);
            for (const n of names(pilot)) expect(n.replace(/^alias\//, ""), type).to.match(/^caresync-prod-dr-/);
            expect(
                names(pilot).filter((n) => names(prod).includes(n)),
                type,
            ).to.deep.equal([]);
        }
        // Global singletons stay prod's: the pilot light creates no service-linked role.
        expect(ofType(pilot, "aws:iam/serviceLinkedRole:ServiceLinkedRole")).to.deep.equal([]);
    });
});

describe("standbyNodes: a pilot light's node count with its services at 0", () => {
    const { config, file } = stackFile("prod-dr", {}, DIR);
    const cfg = parseStackConfig(config, file);
    const input = (instanceType: string, count: number) => ({
        services: cfg.services,
        nodes: { instanceType, count },
        multiAz: true,
        grafana: false,
        postgresExporters: 3,
    });
    const idle = (p: ReturnType<typeof input>) =>
        demandAtMaximum({
            ...p,
            services: Object.fromEntries(Object.entries(p.services).map(([n, s]) => [n, { ...s, replicas: { ...s.replicas, max: 0 } }])),
        });
    const fits = (p: ReturnType<typeof input>, n: number) => {
        const [d, s] = [idle(p), supplyAt(p.nodes.instanceType, n)];
        return d.cpuMillis <= s.cpuMillis && d.memoryMiB <= s.memoryMiB && d.pods <= s.pods && d.branchInterfaces <= s.branchInterfaces;
    };

    it("is the fewest nodes, at least one per AZ, that hold the controllers, monitoring and exporters; never more than configured", () => {
        for (const type of ["m6i.large", "c6i.large", "m6i.xlarge"]) {
            const p = input(type, 20);
            const n = standbyNodes(p, 3);
            expect(n, type).to.be.within(3, 20);
            expect(fits(p, n), type).to.equal(true);
            if (n > 3) expect(fits(p, n - 1), type).to.equal(false);
        }
        // In one AZ, one small node does not hold them: the count grows until they fit, and no further.
        const single = { ...input("c6i.large", 20), multiAz: false };
        const n = standbyNodes(single, 3);
        expect(n).to.be.greaterThan(1);
        expect([fits(single, n - 1), fits(single, n)]).to.deep.equal([false, true]);
        expect(standbyNodes(input("c6i.large", 4), 3)).to.be.at.most(4);
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

    const source = {
        database: "arn:aws:rds:us-east-1:123456789012:db:caresync-prod-db",
        secretsKey: "arn:aws:kms:us-west-2:123456789012:key/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0",
    };
    const pilotLight = (extra: Record<string, unknown> = {}) => ({
        "careplane:dr": { role: "pilot-light", failover: { service: "api" }, source, ...extra },
    });
    const inWest = { "aws:region": "us-west-2", "careplane:backup": { drRegion: "us-east-1" }, "careplane:database": { readReplicas: 2 } };

    it("reads examples/caresync/Pulumi.prod-dr.yaml: a pilot light replicating prod's database", () => {
        const { config, file } = stackFile("prod-dr", {}, DIR);
        expect(parseStackConfig(config, file).dr).to.deep.equal({ role: "pilot-light", failover: { service: "api" }, source });
    });

    it("refuses a pilot light without a source database", () => {
        expect(errorWith({ ...inWest, "careplane:dr": { role: "pilot-light", failover: { service: "api" } } })).to.equal(
            `${prod.file}: careplane:dr.source = (missing) is not allowed: a pilot light replicates the primary's database; set source.database to its ARN`,
        );
    });

    it("refuses a source on a primary", () => {
        expect(errorWith({ "careplane:dr": { role: "primary", failover: { service: "api" }, source } })).to.equal(
            `${prod.file}: careplane:dr.source = ${JSON.stringify(source)} is not allowed: only a pilot light replicates a source; drop source or set role pilot-light`,
        );
    });

    it("refuses a source database that is not an RDS instance ARN (RDS names a cross-region source by its ARN)", () => {
        expect(errorWith({ ...inWest, ...pilotLight({ source: { database: "caresync-prod-db" } }) })).to.equal(
            `${prod.file}: careplane:dr.source.database = "caresync-prod-db" is not allowed: expected the primary database instance's ARN, arn:aws:rds:<region>:<account>:db:<identifier>`,
        );
    });

    it("refuses a secrets key that is an alias, not a key ARN", () => {
        const alias = { ...source, secretsKey: "alias/caresync-prod-secrets-dr" };
        expect(errorWith({ ...inWest, ...pilotLight({ source: alias }) })).to.equal(
            `${prod.file}: careplane:dr.source.secretsKey = "alias/caresync-prod-secrets-dr" is not allowed: expected the ARN of the primary's secrets-dr key in this region, arn:aws:kms:<region>:<account>:key/<id>`,
        );
    });

    it("refuses a secrets key of another region than the stack's (the replicas are in its region)", () => {
        const east = { ...source, secretsKey: source.secretsKey.replace("us-west-2", "us-east-1") };
        expect(errorWith({ ...inWest, ...pilotLight({ source: east }) })).to.equal(
            `${prod.file}: careplane:dr.source.secretsKey = "${east.secretsKey}" is not allowed: expected a key of this stack's region (us-west-2) and account (123456789012)`,
        );
    });

    it("refuses a source database in the stack's own region", () => {
        expect(
            errorWith({ ...inWest, "aws:region": "us-east-1", "careplane:backup": { drRegion: "us-west-2" }, ...pilotLight() }),
        ).to.equal(
            `${prod.file}: careplane:dr.source.database = "${source.database}" is not allowed: expected the primary's database in another region than aws:region (us-east-1)`,
        );
    });

    it("refuses a source database of another account", () => {
        const other = { ...source, database: "arn:aws:rds:us-east-1:210987654321:db:caresync-prod-db" };
        expect(errorWith({ ...inWest, ...pilotLight({ source: other }) })).to.equal(
            `${prod.file}: careplane:dr.source.database = "${other.database}" is not allowed: expected a database of this stack's account (123456789012): the primary shares it`,
        );
    });

    it("refuses an analytics database in a pilot light", () => {
        const database = { readReplicas: 2, analytics: { enabled: true } };
        expect(errorWith({ ...inWest, "careplane:database": database, ...pilotLight() })).to.equal(
            `${prod.file}: careplane:database.analytics.enabled = true is not allowed: a pilot light replicates the primary database alone; only false is allowed`,
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
