// The Alertmanager configuration each EKS stack's plan carries, checked by Alertmanager's own amtool
// (Debian `prometheus-alertmanager`): it loads, and every alert reaches the owning team's receiver for its
// severity, with the channels of seed 001's escalation table and the team's mailing list.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { alertCatalog } from "../components/monitoring/alert-catalog";
import { writeAlertmanagerConfig } from "../tools/engine/artifacts";
import { Plan } from "../tools/engine/plan";
import { amtool, routedTo } from "./support/amtool";
import { planOf, ROOT, STACKS } from "./support/engine";
import { scratchDir } from "./support/promtool";

/** Seed 001's escalation table (and P4 by email, our choice), written out here rather than read from the code. */
const channels: Record<string, string[]> = {
    critical: ["email", "pagerduty", "slack"],
    high: ["email", "slack"],
    medium: ["slack"],
    low: ["email"],
};

/** Where kube-prometheus-stack's own severities land (chart 79.5.0 carries critical, warning, info, and none on Watchdog). */
const chartSeverityRoutes: Array<[Record<string, string>, string]> = [
    [{ alertname: "KubeAPIDown", severity: "critical" }, "devops-critical"],
    [{ alertname: "KubePodCrashLooping", severity: "warning", team: "devops" }, "devops-medium"],
    [{ alertname: "KubePodCrashLooping", severity: "warning" }, "devops-medium"],
    [{ alertname: "CPUThrottlingHigh", severity: "info" }, "devops-low"],
    [{ alertname: "Watchdog", severity: "none" }, "null"],
    [{ alertname: "InfoInhibitor", severity: "none" }, "null"],
];

function writeConfig(plan: Plan, dir: string): string {
    const [file] = writeAlertmanagerConfig({ plan, violations: [], policies: [] }, dir);
    expect(file, "the plan carries an Alertmanager configuration").to.be.a("string");
    return file;
}

type Receiver = Record<string, any> & { name: string };

const channelsOf = (receiver: Receiver) =>
    Object.keys(receiver)
        .filter((k) => k.endsWith("_configs"))
        .map((k) => k.replace("_configs", ""))
        .sort();

describe("Alertmanager routing under amtool", () => {
    const systems: Array<[string, string, string]> = [
        ...STACKS.map((s): [string, string, string] => [s, s, ROOT]),
        ["omnicare prod", "prod", path.join(ROOT, "examples", "omnicare")],
        ["tenant-provisioning prod", "prod", path.join(ROOT, "examples", "tenant-provisioning")],
    ];
    for (const [label, stack, dir] of systems) {
        describe(label, () => {
            let tmp: string;
            let file: string;
            before(async () => {
                tmp = scratchDir();
                file = writeConfig(await planOf(stack, {}, dir), tmp);
            });
            after(() => fs.rmSync(tmp, { recursive: true, force: true }));

            it("`amtool check-config` accepts the rendered configuration", () => {
                const result = amtool("check-config", file);
                expect(result.ok, result.output).to.equal(true);
                expect(result.output).to.contain("SUCCESS");
            });

            for (const team of ["devops", "dba", "security"]) {
                for (const severity of Object.keys(channels)) {
                    it(`routes a ${severity} alert of ${team} to ${team}'s ${severity} receiver`, () => {
                        expect(routedTo(file, { alertname: "Probe", severity, team })).to.equal(`${team}-${severity}`);
                    });
                }
            }

            for (const [labels, receiver] of chartSeverityRoutes) {
                it(`routes the chart's ${labels.alertname} (${labels.severity}, ${labels.team ?? "no team label"}) to ${receiver}`, () => {
                    expect(routedTo(file, labels)).to.equal(receiver);
                });
            }

            it("gives each receiver its severity's channels, and its email to the owning team's list", () => {
                const config = parse(fs.readFileSync(file, "utf8"));
                const receivers: Receiver[] = config.receivers.filter((r: Receiver) => r.name !== "null");
                expect(receivers).to.have.length(12);
                for (const r of receivers) {
                    const [team, severity] = r.name.split("-");
                    expect(channelsOf(r), r.name).to.deep.equal(channels[severity]);
                    for (const email of r.email_configs ?? []) expect(email.to, r.name).to.equal(teamEmails(config, team));
                }
            });
        });
    }

    it("routes every catalog alert to its team's receiver for its severity (prod)", async () => {
        const tmp = scratchDir();
        try {
            const file = writeConfig(await planOf("prod"), tmp);
            for (const alert of alertCatalog) {
                expect(routedTo(file, { alertname: alert.name, severity: alert.severity, team: alert.team }), alert.name).to.equal(
                    `${alert.team}-${alert.severity}`,
                );
            }
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    it("mails tenant-provisioning's DBA and security teams at their own addresses [003]", async () => {
        const tmp = scratchDir();
        try {
            const config = parse(
                fs.readFileSync(writeConfig(await planOf("prod", {}, path.join(ROOT, "examples", "tenant-provisioning")), tmp), "utf8"),
            );
            const to = (name: string) => config.receivers.find((r: Receiver) => r.name === name).email_configs[0].to;
            expect(to("dba-high")).to.equal("dba@healthcare-platform.example.org");
            expect(to("security-critical")).to.equal("security@healthcare-platform.example.org");
            expect(to("devops-high")).to.equal("escalation@healthcare-platform.example.org");
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });

    it("fails a routing expectation amtool does not confirm (the harness can fail)", async () => {
        const tmp = scratchDir();
        try {
            const file = writeConfig(await planOf("prod"), tmp);
            const wrong = amtool(
                "config",
                "routes",
                "test",
                `--config.file=${file}`,
                "--verify.receivers=devops-critical",
                "severity=high",
                "team=dba",
            );
            expect(wrong.ok).to.equal(false);
        } finally {
            fs.rmSync(tmp, { recursive: true, force: true });
        }
    });
});

/** The address a team's receivers mail: the same on every one of its email receivers. */
function teamEmails(config: { receivers: Receiver[] }, team: string): string {
    const addresses = new Set(
        config.receivers
            .filter((r) => r.name.startsWith(`${team}-`))
            .flatMap((r) => (r.email_configs ?? []).map((e: { to: string }) => e.to)),
    );
    expect([...addresses], team).to.have.length(1);
    return [...addresses][0];
}
