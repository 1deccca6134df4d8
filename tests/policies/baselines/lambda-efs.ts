import { aws } from "../../support/controls";

export const FN = "aws:lambda/function:Function";
export const fn = aws(FN, "rotate", {
    runtime: "python3.12",
    handler: "rotate.handler",
    vpcConfig: { subnetIds: ["app-0", "app-1"], securityGroupIds: ["app"] },
    reservedConcurrentExecutions: 2,
    deadLetterConfig: { targetArn: "arn:aws:sqs:us-east-1:123456789012:rotation-dlq" },
});
