import * as k8s from "@pulumi/kubernetes";
import { expect } from "chai";
import { ContainerLogs } from "../../../components/compute/container-logs";
import { ACCOUNT, buildAlone, documentOf, keyArn } from "../../support/alone";

const OIDC_HOST = "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE";
const OIDC_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC_HOST}`;

function containerLogs(namespace: string) {
    return buildAlone((context) => {
        // Stand-ins for the cluster's provider and the controller whose webhook admits the chart's objects.
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const admissionReady = new k8s.core.v1.ConfigMap("admission-ready", { metadata: { name: "admission-ready" } }, { provider });
        new ContainerLogs("container-logs", {
            context,
            provider,
            oidcProviderArn: OIDC_ARN,
            oidcIssuerHost: OIDC_HOST,
            namespace,
            logsKeyArn: keyArn("logs"),
            admissionReady,
        });
    });
}

describe("ContainerLogs, built alone", () => {
    it("collects the containers' logs of the namespace it is given into a group of that namespace, encrypted with the logs key", async () => {
        for (const namespace of ["clinic", "caresync-dev"]) {
            const built = await containerLogs(namespace);
            const group = built.one("aws:cloudwatch/logGroup:LogGroup");
            expect(group.inputs.name).to.match(new RegExp(`/${namespace}$`));
            expect(group.inputs.kmsKeyId).to.equal(keyArn("logs"));
            expect(group.inputs.tags).to.include({ DataClassification: "phi", Environment: "dev" });
            const values = built.one("kubernetes:helm.sh/v3:Release").inputs.values as any;
            expect(values.input.path).to.include(`_${namespace}_`);
            expect(values.cloudWatchLogs).to.include({ logGroupName: group.inputs.name, autoCreateGroup: false });
        }
    });

    it("installs Fluent Bit through the provider it is given, after the admission webhook, as a role only its service account assumes", async () => {
        const built = await containerLogs("clinic");
        const release = built.one("kubernetes:helm.sh/v3:Release");
        expect(release.provider).to.equal(built.one("pulumi:providers:kubernetes").urn);
        expect(release.dependencies).to.include(built.one("kubernetes:core/v1:ConfigMap").urn);
        const trust = JSON.stringify(documentOf(built.one("aws:iam/role:Role"), "assumeRolePolicy"));
        expect(trust).to.include(OIDC_ARN);
        expect(trust).to.include(`${OIDC_HOST}:sub`);
    });
});
