import { aws, specControl } from "../../support/controls";

const SLACK = "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration";
const channelPolicy = "arn:aws:iam::123456789012:policy/alarms-chatbot";
/** A Slack channel as careplane configures it: its role's own read-alarms policy as guardrail, members' own roles. */
const slackChannel = (inputs: Record<string, unknown> = {}) =>
    aws(
        SLACK,
        "alarms-slack",
        {
            configurationName: "caresync-prod-alarms",
            slackTeamId: "T0CARESYNC",
            slackChannelId: "C0ALERTS",
            iamRoleArn: "arn:aws:iam::123456789012:role/caresync-prod-chatbot-slack",
            guardrailPolicyArns: [channelPolicy],
            userAuthorizationRequired: true,
            ...inputs,
        },
        {},
        "prod",
        "internal",
    );
specControl("careplane-chatbot-channel-guarded", {
    passes: [
        { it: "a channel guarded by its role's own policy, members using their own roles", fixtures: [slackChannel()] },
        {
            it: "a Teams channel with the same guards",
            fixtures: [
                aws("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration", "alarms-teams", {
                    guardrailPolicyArns: [channelPolicy],
                    userAuthorizationRequired: true,
                }),
            ],
        },
    ],
    fails: [
        {
            it: "a channel without guardrails (Chatbot's default is AdministratorAccess)",
            fixtures: [slackChannel({ guardrailPolicyArns: undefined })],
            message: "it has no guardrail policy, so Chatbot applies AdministratorAccess to what channel members may do",
        },
        {
            it: "a channel guarded by AdministratorAccess",
            fixtures: [slackChannel({ guardrailPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] })],
            message: "its guardrails allow arn:aws:iam::aws:policy/AdministratorAccess",
        },
        {
            it: "a channel guarded by ReadOnlyAccess (which reads S3 objects and log events)",
            fixtures: [slackChannel({ guardrailPolicyArns: [channelPolicy, "arn:aws:iam::aws:policy/ReadOnlyAccess"] })],
            message: "its guardrails allow arn:aws:iam::aws:policy/ReadOnlyAccess",
        },
        {
            it: "a channel whose members all act as the channel role",
            fixtures: [slackChannel({ userAuthorizationRequired: false })],
            message: "every channel member acts as the channel role",
        },
    ],
});
