import { expect } from "chai";
import { AlarmRoutes } from "../../../components/monitoring/alarm-routes";
import { severities, teams } from "../../../components/monitoring/alert-catalog";
import { MonitoringConfig } from "../../../components/config/schema/monitoring";
import { ACCOUNT, buildAlone, PARTITION } from "../../support/alone";

const DBA = "dba-team@clinic.example.org";
const ONCALL = "oncall@clinic.example.org";
const SLACK = { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" };

function routes(changes: Partial<MonitoringConfig>) {
    return buildAlone((context, config) => {
        new AlarmRoutes("alarms", { context, monitoring: { ...config.monitoring, ...changes }, accountId: ACCOUNT, partition: PARTITION });
    });
}

type Built = Awaited<ReturnType<typeof routes>>;
const subscriptions = (built: Built, protocol: string) =>
    built.ofType("aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.protocol === protocol);

describe("AlarmRoutes, built alone", () => {
    it("makes one topic per severity and team, all encrypted with its own alarms key", async () => {
        const built = await routes({});
        const topics = built.ofType("aws:sns/topic:Topic");
        expect(topics).to.have.length(severities.length * teams.length);
        const key = built.one("aws:kms/key:Key");
        for (const topic of topics) expect(topic.inputs.kmsMasterKeyId, topic.name).to.match(new RegExp(`key/${key.name}$`));
        for (const topic of topics) expect(topic.inputs.tags, topic.name).to.include({ Environment: "dev", ManagedBy: "pulumi" });
    });

    it("mails each team at the address its config slice gives, the on-call list otherwise", async () => {
        const built = await routes({ oncallEmail: ONCALL, teams: { dba: DBA } });
        const mails = subscriptions(built, "email");
        const endpointsOf = (team: string) => new Set(mails.filter((s) => s.name.endsWith(`-${team}-email`)).map((s) => s.inputs.endpoint));
        expect([...endpointsOf("dba")]).to.deep.equal([DBA]);
        expect([...endpointsOf("devops")]).to.deep.equal([ONCALL]);
    });

    it("posts to the Slack channel its config slice names, and mails the routes Slack would have carried when it names none", async () => {
        const withSlack = await routes({ slack: SLACK });
        expect(withSlack.one("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration").inputs).to.include({
            slackTeamId: SLACK.workspaceId,
            slackChannelId: SLACK.channelId,
        });
        const without = await routes({ slack: undefined });
        expect(without.ofType("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration")).to.have.length(0);
        expect(subscriptions(without, "email").length).to.be.above(subscriptions(withSlack, "email").length);
    });

    it("pages PagerDuty for P1 routes only when its config slice names the integration key's entry", async () => {
        const paged = subscriptions(await routes({ pagerduty: { integrationKeySecret: "caresync/dev/pagerduty" } }), "https");
        expect(paged.map((s) => s.name)).to.have.members(teams.map((t) => `alarms-p1-${t}-pagerduty`));
        expect(subscriptions(await routes({ pagerduty: undefined }), "https")).to.have.length(0);
    });
});
