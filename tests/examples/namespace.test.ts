import { expect } from "chai";
import { ConfigError, parseStackConfig } from "../../components/config";

const base = {
    "aws:region": "us-east-1",
    "careplane:environment": "prod",
    "careplane:app": "tenants",
    "careplane:owner": "platform-team",
};

function parse(namespace: string) {
    return parseStackConfig({ ...base, "careplane:compute": JSON.stringify({ namespace }) }, "Pulumi.prod.yaml");
}

describe("careplane:compute.namespace [seed 003]", () => {
    it("names the workloads' namespace when given, <app>-<env> otherwise", () => {
        expect(parse("healthcare").compute.namespace).to.equal("healthcare");
        expect(parseStackConfig(base, "Pulumi.prod.yaml").compute.namespace).to.equal(undefined);
    });

    for (const shared of ["default", "kube-system", "external-secrets"]) {
        it(`rejects the cluster's own namespace ${shared} in one line`, () => {
            expect(() => parse(shared)).to.throw(
                ConfigError,
                `Pulumi.prod.yaml: careplane:compute.namespace = "${shared}" is not allowed: expected a namespace of the system's own, not default, kube-* or external-secrets`,
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
