import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { cachedPaths } from "../../components/edge/cdn";
import { Plan, PlannedResource } from "../../tools/engine/plan";
import { PlanIndex } from "../../tools/pages/plan-index";
import { ofType, ROOT } from "../support/engine";
import { examplePlan, expectLoadBalancerAdmitsCloudFrontOnly, theOne } from "./support";

// HealthBridge Namibia [seed 004]: "CDN for static assets", from a stack in af-south-1. CloudFront takes its
// certificate, its web ACL and its standard-logging delivery in us-east-1 only.
const EDGE = "us-east-1";

/** What the example's stack file says: the viewer name, its zone, the stack's account. */
function stackFile(stack: string) {
    const config = parse(fs.readFileSync(path.join(ROOT, "examples", "healthbridge", `Pulumi.${stack}.yaml`), "utf8")).config;
    const ingress = config["careplane:compute"].ingress;
    return {
        region: config["aws:region"],
        hostname: ingress.hostname,
        zone: ingress.hostedZoneId,
        account: config["careplane:account"].id,
    };
}

const byName = (p: Plan, type: string, name: string): PlannedResource => {
    const found = ofType(p, type).find((r) => r.name === name);
    if (!found) throw new Error(`no ${type} ${name}`);
    return found;
};

describe("examples/healthbridge CDN for static assets [seed 004]", () => {
    for (const stack of ["dev", "staging", "prod"]) {
        describe(stack, () => {
            const file = stackFile(stack);
            const plan = () => examplePlan("healthbridge", stack);

            it("serves the frontend through CloudFront, caching only the static assets", async () => {
                const distribution = theOne(await plan(), "aws:cloudfront/distribution:Distribution");
                const inputs = distribution.inputs as any;
                expect(inputs.aliases).to.deep.equal([file.hostname]);
                expect(inputs.orderedCacheBehaviors.map((b: { pathPattern: string }) => b.pathPattern)).to.deep.equal(cachedPaths);
                expect(inputs.origins[0].domainName).to.equal(`origin.${file.hostname}`);
            });

            it(`keeps the stack in af-south-1 and puts CloudFront's pieces in ${EDGE}, through a provider pinned to the stack's account`, async () => {
                const p = await plan();
                expect(file.region).to.equal("af-south-1");
                const index = new PlanIndex(p);
                const edge = ofType(p, "pulumi:providers:aws").filter((r) => r.inputs.region === EDGE);
                expect(edge).to.have.length(1);
                expect(JSON.parse(String(edge[0].inputs.allowedAccountIds))).to.deep.equal([file.account]);
                const global = [
                    theOne(p, "aws:cloudfront/distribution:Distribution"),
                    byName(p, "aws:acm/certificate:Certificate", "cdn-certificate"),
                    byName(p, "aws:acm/certificateValidation:CertificateValidation", "cdn-certificate"),
                    ofType(p, "aws:wafv2/webAcl:WebAcl").find((a) => a.inputs.scope === "CLOUDFRONT")!,
                    byName(p, "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", "cdn-web-acl-logs"),
                    byName(p, "aws:cloudwatch/logGroup:LogGroup", "cdn-web-acl-logs"),
                    byName(p, "aws:cloudwatch/logGroup:LogGroup", "cdn-access-logs"),
                    theOne(p, "aws:cloudwatch/logDeliverySource:LogDeliverySource"),
                    theOne(p, "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination"),
                    theOne(p, "aws:cloudwatch/logDelivery:LogDelivery"),
                ];
                for (const r of global) expect(index.regionOf(r), `${r.type} ${r.name}`).to.equal(EDGE);
                // The load balancer and its own web ACL stay in the stack's region.
                const regional = ofType(p, "aws:wafv2/webAcl:WebAcl").find((a) => a.inputs.scope === "REGIONAL")!;
                expect(index.regionOf(regional)).to.equal(file.region);
            });

            it("requests the viewer certificate in us-east-1 and validates it by DNS in the stack's zone", async () => {
                const p = await plan();
                const certificate = byName(p, "aws:acm/certificate:Certificate", "cdn-certificate");
                expect(certificate.inputs).to.include({ domainName: file.hostname, validationMethod: "DNS" });
                const record = byName(p, "aws:route53/record:Record", "cdn-certificate-validation-0");
                expect(record.inputs.zoneId).to.equal(file.zone);
                const validation = byName(p, "aws:acm/certificateValidation:CertificateValidation", "cdn-certificate");
                expect(validation.propertyDependencies.validationRecordFqdns).to.deep.equal([record.urn]);
                const distribution = theOne(p, "aws:cloudfront/distribution:Distribution");
                expect(distribution.propertyDependencies.viewerCertificate).to.deep.equal([validation.urn]);
            });

            it("encrypts CloudFront's access and WAF logs with a us-east-1 logs key: rotated, usable by CloudWatch Logs there for this account's log groups", async () => {
                const p = await plan();
                const key = byName(p, "aws:kms/key:Key", "cdn-us-east-1-logs");
                expect(key.inputs).to.include({ enableKeyRotation: true });
                // Protected from deletion in prod; a dev or test stack can be destroyed, its key with it.
                expect(key.protect).to.equal(stack === "prod");
                const statements = JSON.parse(String(key.inputs.policy)).Statement as any[];
                const logs = statements.find((s) => s.Principal?.Service === `logs.${EDGE}.amazonaws.com`);
                expect(logs.Condition).to.deep.equal({
                    ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${EDGE}:${file.account}:*` },
                });
                for (const name of ["cdn-web-acl-logs", "cdn-access-logs"]) {
                    expect(byName(p, "aws:cloudwatch/logGroup:LogGroup", name).propertyDependencies.kmsKeyId, name).to.deep.equal([
                        key.urn,
                    ]);
                }
            });

            it("admits CloudFront alone at the load balancer", async () => {
                expectLoadBalancerAdmitsCloudFrontOnly(await plan());
            });
        });
    }
});
