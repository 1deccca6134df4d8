import { expect } from "chai";
import { Cdn } from "../../../components/edge/cdn";
import { ACCOUNT, buildAlone, keyArn, PARTITION } from "../../support/alone";

const certificate = (id: string) => `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/${id}`;

function cdn(certificateArn: string, originHostname: string, hostnames: string[]) {
    return buildAlone((context) => {
        new Cdn("cdn", {
            context,
            hostnames,
            logsKeyArn: keyArn("logs"),
            config: { enabled: true, certificateArn, originHostname },
            allowedAccountId: ACCOUNT,
            accountId: ACCOUNT,
            partition: PARTITION,
        });
    });
}

describe("Cdn, built alone", () => {
    it("serves the names it is given with the certificate it is given, from the origin it is given, over TLS 1.2+", async () => {
        for (const [id, origin, hosts] of [
            ["11111111-aaaa", "origin.clinic.example.org", ["clinic.example.org"]],
            ["22222222-bbbb", "lb.hospital.example.org", ["hospital.example.org", "api.hospital.example.org"]],
        ] as const) {
            const distribution = (await cdn(certificate(id), origin, [...hosts])).one("aws:cloudfront/distribution:Distribution");
            expect(distribution.inputs.aliases).to.deep.equal(hosts);
            expect(distribution.inputs.viewerCertificate).to.deep.include({
                acmCertificateArn: certificate(id),
                sslSupportMethod: "sni-only",
            });
            expect((distribution.inputs.viewerCertificate as any).minimumProtocolVersion).to.match(/^TLSv1\.2/);
            const [originConfig] = distribution.inputs.origins as any[];
            expect(originConfig.domainName).to.equal(origin);
            expect(originConfig.customOriginConfig.originProtocolPolicy).to.equal("https-only");
        }
    });

    it("sits behind a WAF and logs to groups encrypted with the logs key it is given", async () => {
        const built = await cdn(certificate("11111111-aaaa"), "origin.clinic.example.org", ["clinic.example.org"]);
        expect(built.one("aws:cloudfront/distribution:Distribution").inputs.webAclId).to.be.a("string").and.not.equal("");
        const groups = built.ofType("aws:cloudwatch/logGroup:LogGroup");
        expect(groups.length).to.be.at.least(2);
        for (const group of groups) expect(group.inputs.kmsKeyId, group.name).to.equal(keyArn("logs"));
        expect(built.one("aws:cloudfront/distribution:Distribution").inputs.tags).to.include({
            DataClassification: "phi",
            Environment: "dev",
        });
    });
});
