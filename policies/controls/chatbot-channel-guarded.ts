import { resourceControl } from "../lib/control";

/**
 * AWS managed policies that let a chat channel's members reach PHI or change the account: everything
 * (AdministratorAccess, PowerUserAccess), or every read (ReadOnlyAccess reads S3 objects, secrets' metadata
 * and log events).
 */
const BROAD = /:policy\/(AdministratorAccess|PowerUserAccess|ReadOnlyAccess|[A-Za-z0-9]+FullAccess)$/;

/**
 * A Slack or Teams channel of AWS Chatbot runs commands as its channel role, within its guardrails. Without
 * guardrails Chatbot applies AdministratorAccess (Chatbot API, CreateSlackChannelConfiguration:
 * GuardrailPolicyArns), and without user authorization every member of the channel acts as the channel role.
 */
export const chatbotChannelGuarded = resourceControl({
    name: "careplane-chatbot-channel-guarded",
    description:
        "Every AWS Chatbot channel has narrow guardrail policies (never none, which means AdministratorAccess, nor a broad managed policy) and requires each member's own role for commands.",
    hipaa: ["164.308(a)(3)(ii)(B)", "164.308(a)(4)(ii)(B)", "164.312(a)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [
        "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
        "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration",
    ],
    check: (props) => {
        const findings = [];
        const guardrails: string[] = props.guardrailPolicyArns ?? [];
        if (guardrails.length === 0)
            findings.push({
                problem: "it has no guardrail policy, so Chatbot applies AdministratorAccess to what channel members may do",
                expected: "guardrailPolicyArns naming a narrow policy (the channel role's own)",
            });
        const broad = guardrails.filter((arn) => BROAD.test(String(arn)));
        if (broad.length > 0)
            findings.push({
                problem: `its guardrails allow ${broad.join(", ")}`,
                expected: "guardrailPolicyArns naming a narrow policy (the channel role's own)",
            });
        if (props.userAuthorizationRequired !== true)
            findings.push({
                problem: "every channel member acts as the channel role",
                expected: "userAuthorizationRequired true (members run commands with their own role)",
            });
        return findings;
    },
});
