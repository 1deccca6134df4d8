import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../../components/config/stack-config";
import { deploymentKeys } from "../support/engine";

/** Every stack's load balancer needs a certificate: here one careplane requests in the stack's zone. */
const ingress = { hostname: "api.healthcare-platform.example.org", hostedZoneId: "Z0PRODHEALTHCAREPLATFM" };
/** The digest CI recorded for a prod image. */
const digest = `sha256:${"a".repeat(64)}`;

const base = {
    "aws:region": "us-east-1",
    "careplane:environment": "prod",
    "careplane:app": "tenants",
    "careplane:owner": "platform-team",
    "careplane:backup": JSON.stringify({ drRegion: "us-west-2" }),
    "careplane:monitoring": JSON.stringify({ oncallEmail: "oncall@hospital.example.org" }),
    "careplane:compute": JSON.stringify({ ingress }),
    "careplane:access": JSON.stringify({ breakGlass: { users: ["security-officer"] } }),
    ...deploymentKeys("prod"),
};

function parse(namespace: string) {
    return parseStackConfig({ ...base, "careplane:compute": JSON.stringify({ namespace, ingress }) }, "Pulumi.prod.yaml");
}

function errorOf(overrides: Record<string, string>): string {
    try {
        parseStackConfig({ ...base, ...overrides }, "Pulumi.prod.yaml");
    } catch (e) {
        expect(e).to.be.instanceOf(ConfigError);
        return (e as Error).message;
    }
    throw new Error("expected a ConfigError");
}

describe("careplane:compute.namespace [seed 003]", () => {
    it("names the workloads' namespace when given, <app>-<env> otherwise", () => {
        expect(parse("healthcare").compute.namespace).to.equal("healthcare");
        expect(parseStackConfig(base, "Pulumi.prod.yaml").compute.namespace).to.equal(undefined);
    });

    for (const shared of ["default", "kube-system", "external-secrets", "monitoring"]) {
        it(`rejects the cluster's own namespace ${shared} in one line`, () => {
            expect(() => parse(shared)).to.throw(
                ConfigError,
                `Pulumi.prod.yaml: careplane:compute.namespace = "${shared}" is not allowed: expected a namespace of the system's own, not default, kube-* or external-secrets, cert-manager, monitoring, node-exporter`,
            );
        });
    }

    it("rejects a name Kubernetes would refuse", () => {
        expect(() => parse("Health_Care")).to.throw(
            ConfigError,
            'Pulumi.prod.yaml: careplane:compute.namespace = "Health_Care" is not allowed: expected a Kubernetes namespace name such as healthcare',
        );
    });
});

describe("the seed systems' config options, rejected in one line", () => {
    const cdn = (value: object, region = "us-east-1") => errorOf({ "aws:region": region, "careplane:cdn": JSON.stringify(value) });
    const certificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
    const origin = { originHostname: "origin.app.example.org" };

    it("careplane:cdn needs a certificate in us-east-1 (configured, or validated in the stack's zone) and an origin name [002]", () => {
        // The load balancer's own certificate configured, so no zone for careplane to validate CloudFront's in.
        const noZone = {
            "careplane:compute": JSON.stringify({
                ingress: { hostname: ingress.hostname },
                certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/alb",
            }),
        };
        expect(errorOf({ ...noZone, "careplane:cdn": JSON.stringify({ enabled: true, ...origin }) })).to.equal(
            "Pulumi.prod.yaml: careplane:cdn.certificateArn = (missing) is not allowed: CloudFront serves TLS 1.2+ only with its own certificate; set compute.ingress.hostedZoneId (careplane requests and validates one in us-east-1) or certificateArn (an issued ACM certificate in us-east-1)",
        );
        expect(() =>
            parseStackConfig(
                { ...base, ...noZone, "careplane:cdn": JSON.stringify({ enabled: true, certificateArn, ...origin }) },
                "Pulumi.prod.yaml",
            ),
        ).not.to.throw();
        expect(cdn({ enabled: true, certificateArn })).to.equal(
            "Pulumi.prod.yaml: careplane:cdn.originHostname = (missing) is not allowed: CloudFront needs the load balancer's DNS name; set originHostname, such as origin.app.example.org",
        );
        expect(cdn({ enabled: true, certificateArn: certificateArn.replace("us-east-1", "eu-west-1"), ...origin })).to.equal(
            `Pulumi.prod.yaml: careplane:cdn.certificateArn = "${certificateArn.replace("us-east-1", "eu-west-1")}" is not allowed: expected an ACM certificate ARN in us-east-1, where CloudFront reads certificates`,
        );
    });

    it("careplane:cdn from a stack in any region: its us-east-1 pieces come with the CDN", () => {
        const config = parseStackConfig(
            {
                ...base,
                "aws:region": "af-south-1",
                "careplane:backup": JSON.stringify({ drRegion: "eu-west-1" }),
                "careplane:cdn": JSON.stringify({ enabled: true, ...origin }),
            },
            "Pulumi.prod.yaml",
        );
        expect(config.region).to.equal("af-south-1");
        expect(config.cdn).to.deep.equal({ enabled: true, ...origin });
    });

    it("careplane:cdn needs an internet-facing load balancer to reach [002]", () => {
        const internal = { "careplane:compute": JSON.stringify({ ingress: { ...ingress, scheme: "internal" } }) };
        expect(errorOf({ ...internal, "careplane:cdn": JSON.stringify({ enabled: true, certificateArn, ...origin }) })).to.equal(
            'Pulumi.prod.yaml: careplane:compute.ingress.scheme = "internal" is not allowed: CloudFront (careplane:cdn) reaches the load balancer over the internet; use internet-facing (it then admits CloudFront\'s servers only) or turn the CDN off',
        );
        expect(() => parseStackConfig({ ...base, ...internal }, "Pulumi.prod.yaml")).not.to.throw();
    });

    it("careplane:access never keeps an idle administrative session past 20 minutes [001]", () => {
        expect(errorOf({ "careplane:access": JSON.stringify({ sessionManager: true, idleTimeoutMinutes: 60 }) })).to.equal(
            "Pulumi.prod.yaml: careplane:access.idleTimeoutMinutes = 60 is not allowed: idle administrative sessions end within 20 minutes; use an integer from 1 to 20",
        );
    });

    it("careplane:files takes EFS's own transition periods [001]", () => {
        expect(errorOf({ "careplane:files": JSON.stringify({ enabled: true, transitionToIaDays: 45 }) })).to.equal(
            "Pulumi.prod.yaml: careplane:files.transitionToIaDays = 45 is not allowed: expected one of 1, 7, 14, 30, 60, 90, 180, 270, 365 (days)",
        );
    });

    describe("careplane:services.<name>.files: EFS access points mounted in a service's tasks [001]", () => {
        const ecs = JSON.stringify({ platform: "ecs", certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc" });
        const files = JSON.stringify({ enabled: true, accessPoints: ["uploads"] });
        const mounting = (mounts: unknown, overrides: Record<string, string> = {}) =>
            errorOf({
                "careplane:compute": ecs,
                "careplane:files": files,
                "careplane:services": JSON.stringify({ api: { tier: "api", image: "hims/api", tag: "2.3.0", digest, files: mounts } }),
                ...overrides,
            });

        it("mounts an access point of careplane:files", () => {
            const config = parseStackConfig(
                {
                    ...base,
                    "careplane:compute": ecs,
                    "careplane:files": files,
                    "careplane:services": JSON.stringify({
                        api: { tier: "api", image: "hims/api", tag: "2.3.0", digest, files: { uploads: "/opt/hims/uploads" } },
                    }),
                },
                "Pulumi.prod.yaml",
            );
            expect(config.services.api.files).to.deep.equal({ uploads: "/opt/hims/uploads" });
        });

        it("refuses an access point careplane:files does not have", () => {
            expect(mounting({ upload: "/opt/hims/uploads" })).to.equal(
                'Pulumi.prod.yaml: careplane:services.api.files.upload = "/opt/hims/uploads" is not allowed: careplane:files has no access point named upload; mount one of uploads, or add it to careplane:files.accessPoints',
            );
        });

        it("refuses a mount when careplane:files is off", () => {
            expect(mounting({ uploads: "/opt/hims/uploads" }, { "careplane:files": JSON.stringify({ enabled: false }) })).to.equal(
                'Pulumi.prod.yaml: careplane:services.api.files.uploads = "/opt/hims/uploads" is not allowed: careplane:files is off; set careplane:files.enabled: true with an access point named uploads',
            );
        });

        it("refuses mounts on EKS rather than leaving them out", () => {
            expect(
                mounting({ uploads: "/opt/hims/uploads" }, { "careplane:compute": JSON.stringify({ platform: "eks", ingress }) }),
            ).to.equal(
                'Pulumi.prod.yaml: careplane:services.api.files = {"uploads":"/opt/hims/uploads"} is not allowed: EFS mounts are built for ECS tasks only (careplane installs no EFS CSI driver on eks); remove files, or set careplane:compute.platform to ecs',
            );
        });

        it("refuses a relative path, a system directory and the scratch volume", () => {
            expect(mounting({ uploads: "uploads" })).to.equal(
                'Pulumi.prod.yaml: careplane:services.api.files.uploads = "uploads" is not allowed: expected an absolute container path such as /opt/hims/uploads',
            );
            expect(mounting({ uploads: "/opt/../etc" })).to.contain("expected an absolute container path");
            for (const path of ["/tmp/uploads", "/etc"]) {
                expect(mounting({ uploads: path })).to.contain(
                    `careplane:services.api.files.uploads = "${path}" is not allowed: /tmp, /proc, /sys, /dev, /etc, /bin, /sbin, /usr, /lib, /lib64, /root are the task's scratch volume or the image's system`,
                );
            }
        });
    });
});
