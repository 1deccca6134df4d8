import { aws, patch, specControl } from "../../support/controls";

const topic = aws("aws:sns/topic:Topic", "alerts", { kmsMasterKeyId: "arn:aws:kms:us-east-1:123456789012:key/data" });
specControl("careplane-sns-topic-encrypted", {
    passes: [{ it: "a topic under a stack key", fixtures: [topic] }],
    fails: [
        {
            it: "an unencrypted topic",
            fixtures: patch([topic], "alerts", { kmsMasterKeyId: undefined }),
            message: "alerts (aws:sns/topic:Topic): messages are not encrypted with a customer-managed key",
        },
        {
            it: "the AWS-managed key",
            fixtures: patch([topic], "alerts", { kmsMasterKeyId: "alias/aws/sns" }),
            message: "it uses the AWS-managed key alias/aws/sns",
        },
    ],
});
