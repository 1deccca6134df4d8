import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../components/config/stack-config";
import { profiles, SEVEN_YEARS_DAYS } from "../components/config/profiles";
import { readStackFile } from "../tools/engine/stack-files";
import { deploymentKeys, ROOT, STACKS } from "./support/engine";

const base = {
    "aws:region": "us-east-1",
    "careplane:environment": "prod",
    "careplane:app": "caresync",
    "careplane:owner": "platform-team",
    // prod names the region its backups replicate to (see storage.test.ts for the rejection)
    "careplane:backup": '{"drRegion":"us-west-2"}',
    "careplane:monitoring": '{"oncallEmail":"platform-oncall@hospital.org"}',
    // Every stack's load balancer needs a certificate: here one careplane requests in the stack's zone.
    "careplane:compute": '{"ingress":{"hostname":"caresync.example.org","hostedZoneId":"Z0PRODCARESYNC0EXAMPLE"}}',
    "careplane:access": '{"breakGlass":{"users":["security-officer"]}}',
    ...deploymentKeys("prod"),
};

function errorFor(overrides: Record<string, string | undefined>, file = "Pulumi.prod.yaml"): ConfigError {
    const raw = Object.fromEntries(Object.entries({ ...base, ...overrides }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    try {
        parseStackConfig(raw, file);
    } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        expect((e as Error).message).not.to.contain("\n");
        return e as ConfigError;
    }
    throw new Error("expected a ConfigError");
}

describe("stack config", () => {
    for (const stack of STACKS) {
        it(`loads Pulumi.${stack}.yaml and resolves the ${stack} profile`, () => {
            const file = readStackFile(ROOT, stack);
            const config = parseStackConfig(file.config, file.file);
            expect(config.environment).to.equal(stack);
            expect(config.profile).to.deep.equal(profiles[stack]);
            expect(config.backup.retentionDays).to.be.at.least(profiles[stack].backupRetentionDays);
        });
    }

    it("gives each environment the seed-000 profile", () => {
        expect(profiles.dev).to.include({ uptime: "business-hours", backupRetentionDays: 30, deletionProtection: false });
        expect(profiles.test.backupRetentionDays).to.equal(90);
        expect(profiles.staging.backupRetentionDays).to.equal(90);
        expect(profiles.prod).to.include({ slaPercent: 99.9, multiAz: true, deletionProtection: true, rpoHours: 1, rtoHours: 4 });
        expect(profiles.prod.transactionLogIntervalHours).to.equal(1);
        expect(profiles.prod.backupRetentionDays).to.equal(SEVEN_YEARS_DAYS);
        expect(SEVEN_YEARS_DAYS).to.equal(7 * 365 + 2);
    });

    it("fills unset areas from the profile: prod gets 3 AZs and a NAT per AZ", () => {
        const config = parseStackConfig(base, "Pulumi.prod.yaml");
        expect(config.network).to.include({ availabilityZones: 3, natGateways: "perAz", flowLogRetentionDays: 365 });
        const dev = parseStackConfig({ ...base, ...deploymentKeys("dev"), "careplane:environment": "dev" }, "Pulumi.dev.yaml");
        expect(dev.network).to.include({ availabilityZones: 2, natGateways: "single" });
    });

    describe("rejects a bad value with one line naming file, key, value and what is allowed", () => {
        const cases: Array<[string, Record<string, string | undefined>, string]> = [
            [
                "an unknown area",
                { "careplane:databse": '{"replicas":3}' },
                'Pulumi.prod.yaml: careplane:databse = {"replicas":3} is not allowed: unknown key; known keys: careplane:environment,',
            ],
            [
                "an unknown nested key",
                { "careplane:network": '{"cidr":"10.0.0.0/16","subnets":6}' },
                "Pulumi.prod.yaml: careplane:network.subnets = 6 is not allowed: unknown key; allowed keys: cidr, availabilityZones,",
            ],
            [
                "a wrong type",
                { "careplane:network": '{"availabilityZones":"three"}' },
                'Pulumi.prod.yaml: careplane:network.availabilityZones = "three" is not allowed: expected an integer number of availability zones',
            ],
            [
                "a CIDR that does not parse",
                { "careplane:network": '{"cidr":"10.0.0.300/16"}' },
                'Pulumi.prod.yaml: careplane:network.cidr = "10.0.0.300/16" is not allowed: expected an IPv4 CIDR block such as 10.0.0.0/16',
            ],
            [
                "a public CIDR",
                { "careplane:network": '{"cidr":"52.0.0.0/16"}' },
                'Pulumi.prod.yaml: careplane:network.cidr = "52.0.0.0/16" is not allowed: expected a private (RFC 1918) range',
            ],
            [
                "a CIDR too small for three tiers",
                { "careplane:network": '{"cidr":"10.0.0.0/24"}' },
                'Pulumi.prod.yaml: careplane:network.cidr = "10.0.0.0/24" is not allowed: expected a prefix from /16 to /20',
            ],
            [
                "prod backup retention below 7 years",
                { "careplane:backup": '{"retentionDays":365}' },
                "Pulumi.prod.yaml: careplane:backup.retentionDays = 365 is not allowed: prod keeps backups at least 2557 days (7 years)",
            ],
            [
                "a single NAT gateway in prod",
                { "careplane:network": '{"natGateways":"single"}' },
                'Pulumi.prod.yaml: careplane:network.natGateways = "single" is not allowed: prod needs a NAT gateway per AZ',
            ],
            [
                "two AZs in prod",
                { "careplane:network": '{"availabilityZones":2}' },
                "Pulumi.prod.yaml: careplane:network.availabilityZones = 2 is not allowed: prod spans at least 3 availability zones",
            ],
            [
                "flow-log retention CloudWatch does not accept",
                { "careplane:network": '{"flowLogRetentionDays":500}' },
                "Pulumi.prod.yaml: careplane:network.flowLogRetentionDays = 500 is not allowed: CloudWatch accepts only 365, 400, 545,",
            ],
            [
                "a stack whose load balancer would have no certificate (issue 18 item 4)",
                { "careplane:compute": '{"ingress":{"hostname":"caresync.example.org"}}' },
                "Pulumi.prod.yaml: careplane:compute.certificateArn = (missing) is not allowed: the load balancer serves HTTPS only and needs a certificate; set ingress.hostedZoneId (careplane requests and validates one for the hostname) or certificateArn (an issued ACM certificate)",
            ],
            [
                "a hosted zone without the name the certificate covers",
                { "careplane:compute": '{"ingress":{"hostedZoneId":"Z0PRODCARESYNC0EXAMPLE"}}' },
                "Pulumi.prod.yaml: careplane:compute.ingress.hostname = (missing) is not allowed: a certificate validated in ingress.hostedZoneId covers the stack's hostname",
            ],
            [
                "a hosted zone id Route 53 would not issue",
                { "careplane:compute": '{"ingress":{"hostname":"caresync.example.org","hostedZoneId":"caresync.example.org"}}' },
                'Pulumi.prod.yaml: careplane:compute.ingress.hostedZoneId = "caresync.example.org" is not allowed: expected a Route 53 hosted zone id',
            ],
            [
                "a prod image without its digest (issue 22 item 8)",
                { "careplane:services": '{"api":{"tier":"api","image":"caresync/api","tag":"1.4.2"}}' },
                "Pulumi.prod.yaml: careplane:services.api.digest = (missing) is not allowed: prod runs images by digest, never by what a tag names at deploy time; set digest to the image's sha256 from ECR",
            ],
            [
                "an image from another registry",
                {
                    "careplane:services":
                        '{"api":{"tier":"api","image":"ghcr.io/caresync/api","tag":"1.4.2","digest":"sha256:' + "a".repeat(64) + '"}}',
                },
                'Pulumi.prod.yaml: careplane:services.api.image = "ghcr.io/caresync/api" is not allowed: name the image without its registry host (such as omnicare/frontend): images run from the stack\'s own ECR repository, or with registry: ghcr from ghcr.io',
            ],
            [
                "a registry careplane does not pull from (issue 19, seed 002)",
                {
                    "careplane:services":
                        '{"api":{"tier":"api","registry":"docker-hub","image":"caresync/api","tag":"1.4.2","digest":"sha256:' +
                        "a".repeat(64) +
                        '"}}',
                },
                'Pulumi.prod.yaml: careplane:services.api.registry = "docker-hub" is not allowed: expected one of ecr, ghcr',
            ],
            [
                "a GHCR image without its owner",
                {
                    "careplane:services":
                        '{"api":{"tier":"api","registry":"ghcr","image":"api","tag":"1.4.2","digest":"sha256:' + "a".repeat(64) + '"}}',
                },
                'Pulumi.prod.yaml: careplane:services.api.image = "api" is not allowed: a GHCR image lives under its owner: name it <owner>/<image> as pushed to ghcr.io',
            ],
            [
                "an internal service on ECS",
                {
                    "careplane:compute": '{"platform":"ecs","certificateArn":"arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c"}',
                    "careplane:services":
                        '{"api":{"tier":"api","image":"caresync/api","tag":"1.4.2","digest":"sha256:' +
                        "a".repeat(64) +
                        '","exposure":"internal"}}',
                },
                'Pulumi.prod.yaml: careplane:services.api.exposure = "internal" is not allowed: the ecs platform routes every service through its one internet-facing load balancer',
            ],
            [
                "an unknown environment",
                { "careplane:environment": "qa" },
                'Pulumi.prod.yaml: careplane:environment = "qa" is not allowed: expected one of dev, test, staging, prod',
            ],
            [
                "prod scheduled down outside business hours [000: prod 24/7]",
                { "careplane:uptime": '{"mode":"business-hours"}' },
                'Pulumi.prod.yaml: careplane:uptime.mode = "business-hours" is not allowed: prod runs 24x7 [seed 000]: only dev and test may scale down outside business hours; expected 24x7',
            ],
            [
                "business hours that end before they start",
                { ...deploymentKeys("dev"), "careplane:environment": "dev", "careplane:uptime": '{"start":19,"end":7}' },
                "Pulumi.prod.yaml: careplane:uptime.end = 7 is not allowed: expected an hour after start",
            ],
            [
                "business hours in a time zone abbreviation",
                { ...deploymentKeys("dev"), "careplane:environment": "dev", "careplane:uptime": '{"timezone":"EST"}' },
                'Pulumi.prod.yaml: careplane:uptime.timezone = "EST" is not allowed: expected an IANA time zone such as America/New_York',
            ],
            [
                "business days that are not cron day names",
                { ...deploymentKeys("dev"), "careplane:environment": "dev", "careplane:uptime": '{"days":"weekdays"}' },
                'Pulumi.prod.yaml: careplane:uptime.days = "weekdays" is not allowed: expected cron day names and ranges such as MON-FRI',
            ],
            ["a missing app name", { "careplane:app": undefined }, "Pulumi.prod.yaml: careplane:app = (missing) is not allowed:"],
            [
                "a malformed region",
                { "aws:region": "Virginia" },
                'Pulumi.prod.yaml: aws:region = "Virginia" is not allowed: expected an AWS region such as us-east-1',
            ],
        ];
        for (const [what, overrides, expected] of cases) {
            it(what, () => {
                expect(errorFor(overrides).message).to.satisfy((m: string) => m.startsWith(expected), errorFor(overrides).message);
            });
        }

        it("a weaker value that a stricter environment forbids is fine where the profile allows it", () => {
            const dev = {
                ...deploymentKeys("dev"),
                "careplane:environment": "dev",
                "careplane:network": '{"natGateways":"single","availabilityZones":2}',
            };
            expect(() => parseStackConfig({ ...base, ...dev }, "Pulumi.dev.yaml")).not.to.throw();
        });

        it("staging may not be scheduled down either, and dev may run 24x7 (bigger, never weaker)", () => {
            const staging = { ...base, ...deploymentKeys("staging"), "careplane:environment": "staging" };
            expect(() => parseStackConfig({ ...staging, "careplane:uptime": '{"mode":"business-hours"}' }, "Pulumi.staging.yaml")).to.throw(
                'Pulumi.staging.yaml: careplane:uptime.mode = "business-hours" is not allowed: staging runs 24x7',
            );
            const dev = { ...base, ...deploymentKeys("dev"), "careplane:environment": "dev" };
            expect(parseStackConfig({ ...dev, "careplane:uptime": '{"mode":"24x7"}' }, "Pulumi.dev.yaml").uptime.mode).to.equal("24x7");
            expect(parseStackConfig(dev, "Pulumi.dev.yaml").uptime.mode).to.equal("business-hours");
        });

        it("names the file it was given, so example folders point at their own files", () => {
            const e = errorFor({ "careplane:backup": '{"retentionDays":10}' }, "examples/caresync/Pulumi.prod.yaml");
            expect(e.file).to.equal("examples/caresync/Pulumi.prod.yaml");
            expect(e.key).to.equal("careplane:backup.retentionDays");
            expect(e.value).to.equal(10);
            expect(e.message.startsWith("examples/caresync/Pulumi.prod.yaml: careplane:backup.retentionDays = 10")).to.equal(true);
        });
    });
});
