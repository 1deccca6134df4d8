import { expect } from "chai";
import {
    CALENDAR_REVIEWED,
    DEFAULT_KUBERNETES_VERSION,
    eksCalendar,
    kubernetesVersions,
    versionPins,
} from "../../components/compute/eks-versions";
import { vpcCniConfiguration } from "../../components/compute/eks-cluster";
import { controllerCharts } from "../../components/compute/cluster-controllers";
import { CHARTS, EKS } from "../../tools/readiness/rules/calendars/data";
import { parseStackConfig } from "../../components/config/stack-config";
import { computeWith, ofType, planOf, STACKS, stackFile } from "../support/engine";

const minor = (version: string) => version.replace(/^v/, "").split(".").slice(0, 2).join(".");

describe("EKS versions (issue 18 item 5)", () => {
    it("allows exactly the calendar's versions still in standard support on the review day", () => {
        const inStandard = Object.entries(eksCalendar)
            .filter(([, r]) => r.endOfStandardSupport > CALENDAR_REVIEWED)
            .map(([v]) => v);
        expect([...kubernetesVersions]).to.deep.equal(inStandard);
        expect(kubernetesVersions).to.include(DEFAULT_KUBERNETES_VERSION);
        for (const v of kubernetesVersions) {
            const r = eksCalendar[v];
            expect(r.eksRelease < r.endOfStandardSupport && r.endOfStandardSupport < r.endOfExtendedSupport, v).to.equal(true);
        }
    });

    it("dates each version as the deploy-readiness analysis does, and runs controllers that support it", () => {
        for (const [version, release] of Object.entries(eksCalendar)) {
            const window = EKS.windows.find((w) => w.version === version);
            expect(window, `${version} in the readiness calendar`).to.deep.include({
                standardEnd: release.endOfStandardSupport,
                extendedEnd: release.endOfExtendedSupport,
            });
        }
        const eso = CHARTS["external-secrets"].windows.find((w) => controllerCharts.externalSecrets.version.startsWith(`${w.version}.`))!;
        for (const version of kubernetesVersions) expect(eso.kubernetes, `external-secrets on ${version}`).to.include(version);
    });

    it("defaults to the allowed version with the longest standard support left", () => {
        const latest = [...kubernetesVersions].sort((a, b) =>
            eksCalendar[b].endOfStandardSupport.localeCompare(eksCalendar[a].endOfStandardSupport),
        )[0];
        expect(DEFAULT_KUBERNETES_VERSION).to.equal(latest);
    });

    it("pins kube-proxy and Cluster Autoscaler to each version's own minor, every add-on to an eksbuild", () => {
        for (const v of kubernetesVersions) {
            const pins = versionPins[v];
            expect(minor(pins.addons["kube-proxy"]), `kube-proxy for ${v}`).to.equal(v);
            expect(minor(pins.clusterAutoscalerImage), `cluster-autoscaler for ${v}`).to.equal(v);
            for (const [addon, build] of Object.entries(pins.addons)) expect(build, addon).to.match(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
        }
    });

    it("rejects a version out of standard support with one line naming what is allowed", () => {
        for (const version of ["1.32", "1.34", "1.36"]) {
            const prod = stackFile("prod", { "careplane:compute": computeWith("prod", { kubernetesVersion: version }) });
            expect(() => parseStackConfig(prod.config, prod.file)).to.throw(
                `Pulumi.prod.yaml: careplane:compute.kubernetesVersion = "${version}" is not allowed: expected an EKS version in standard support on ${CALENDAR_REVIEWED}: 1.35`,
            );
        }
    });

    for (const stack of STACKS) {
        it(`${stack}: runs a standard-support version with STANDARD upgrade policy and that version's add-on builds`, async () => {
            const plan = await planOf(stack);
            const [cluster] = ofType(plan, "aws:eks/cluster:Cluster");
            const version = (cluster.inputs as any).version as keyof typeof versionPins;
            expect(kubernetesVersions).to.include(version);
            expect((cluster.inputs as any).upgradePolicy).to.deep.equal({ supportType: "STANDARD" });
            const addons = Object.fromEntries(
                ofType(plan, "aws:eks/addon:Addon").map((a) => [(a.inputs as any).addonName, (a.inputs as any).addonVersion]),
            );
            expect(addons).to.deep.equal(versionPins[version].addons);
        });
    }

    it("turns on the VPC CNI's network policy agent and pod ENIs through the add-on's configuration", async () => {
        const plan = await planOf("prod");
        const cni = ofType(plan, "aws:eks/addon:Addon").find((a) => (a.inputs as any).addonName === "vpc-cni")!;
        const values = JSON.parse((cni.inputs as any).configurationValues);
        expect(values).to.deep.equal(vpcCniConfiguration());
        expect(values.enableNetworkPolicy).to.equal("true");
        expect(values.env.ENABLE_POD_ENI).to.equal("true");
        expect(values.init.env.DISABLE_TCP_EARLY_DEMUX).to.equal("true");
    });
});
