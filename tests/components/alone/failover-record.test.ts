import { expect } from "chai";
import { FailoverRecord, FailoverRole } from "../../../components/failover/failover-record";
import { buildAlone } from "../../support/alone";

const LB = (region: string) => `k8s-caresync-0123456789.${region}.elb.amazonaws.com`;

function record(role: FailoverRole, region: string, healthCheckPath?: string) {
    return buildAlone((context) => {
        new FailoverRecord("failover", {
            context,
            role,
            zoneId: "Z0EXAMPLE",
            hostname: "caresync.example.org",
            region,
            loadBalancerDnsName: LB(region),
            healthCheckPath,
        });
    });
}

describe("FailoverRecord, built alone", () => {
    it("as PRIMARY: an alias to its region's load balancer, set apart by the region, with an HTTPS check of the path given on that load balancer", async () => {
        const built = await record("PRIMARY", "us-east-1", "/ready");
        const r = built.one("aws:route53/record:Record").inputs as any;
        expect(r).to.deep.include({ zoneId: "Z0EXAMPLE", name: "caresync.example.org", type: "A", setIdentifier: "us-east-1" });
        expect(r.failoverRoutingPolicies).to.deep.equal([{ type: "PRIMARY" }]);
        expect(r.aliases).to.have.length(1);
        expect(r.aliases[0]).to.deep.include({ name: LB("us-east-1"), evaluateTargetHealth: true });
        expect(r.ttl).to.equal(undefined);
        const check = built.one("aws:route53/healthCheck:HealthCheck").inputs as any;
        expect(check).to.deep.include({ type: "HTTPS", fqdn: LB("us-east-1"), port: 443, resourcePath: "/ready" });
        expect(r.healthCheckId).to.equal(`${built.one("aws:route53/healthCheck:HealthCheck").name}-id`);
    });

    it("as SECONDARY: the other region's load balancer, no health check of its own", async () => {
        const built = await record("SECONDARY", "us-west-2");
        const r = built.one("aws:route53/record:Record").inputs as any;
        expect(r.setIdentifier).to.equal("us-west-2");
        expect(r.failoverRoutingPolicies).to.deep.equal([{ type: "SECONDARY" }]);
        expect(r.aliases[0].name).to.equal(LB("us-west-2"));
        expect(r.healthCheckId).to.equal(undefined);
        expect(built.ofType("aws:route53/healthCheck:HealthCheck")).to.deep.equal([]);
    });

    it("refuses a PRIMARY without a path to check", async () => {
        let error: unknown;
        await record("PRIMARY", "us-east-1").catch((e) => (error = e));
        expect(String(error)).to.match(/PRIMARY failover record needs a health check path/);
    });
});
