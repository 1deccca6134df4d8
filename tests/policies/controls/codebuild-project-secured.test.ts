import { aws, patch, specControl } from "../../support/controls";

const project = aws("aws:codebuild/project:Project", "runner", {
    source: { type: "GITHUB", location: "https://github.com/example-health/careplane.git" },
    environment: {
        type: "LINUX_CONTAINER",
        computeType: "BUILD_GENERAL1_MEDIUM",
        image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
        privilegedMode: false,
    },
    encryptionKey: "arn:aws:kms:us-east-1:123456789012:key/logs",
});
specControl("careplane-codebuild-project-secured", {
    passes: [
        { it: "the in-VPC runner: GitHub through the account's connection, unprivileged, under the logs key", fixtures: [project] },
        {
            it: "source auth through a CodeConnections connection",
            fixtures: patch([project], "runner", {
                source: {
                    type: "GITHUB",
                    location: "https://github.com/example-health/careplane.git",
                    auth: { type: "CODECONNECTIONS", resource: "arn:aws:codeconnections:us-east-1:123456789012:connection/x" },
                },
            }),
        },
    ],
    fails: [
        {
            it: "an AWS secret key as a plaintext variable",
            fixtures: patch([project], "runner", {
                environment: {
                    type: "LINUX_CONTAINER",
                    computeType: "BUILD_GENERAL1_SMALL",
                    image: "x",
                    environmentVariables: [{ name: "AWS_SECRET_ACCESS_KEY", value: "x" }],
                },
            }),
            message: "AWS_SECRET_ACCESS_KEY is a plaintext environment variable",
        },
        {
            it: "a token in the source URL",
            fixtures: patch([project], "runner", {
                source: { type: "GITHUB", location: "https://x-token:ghp_abc@github.com/example-health/careplane.git" },
            }),
            message: "the source URL carries credentials",
        },
        {
            it: "a personal access token as source auth",
            fixtures: patch([project], "runner", {
                source: { type: "GITHUB", location: "https://github.com/a/b.git", auth: { type: "SECRETS_MANAGER", resource: "arn" } },
            }),
            message: "the source authenticates with SECRETS_MANAGER",
        },
        {
            it: "a privileged build",
            fixtures: patch([project], "runner", {
                environment: { type: "LINUX_CONTAINER", computeType: "BUILD_GENERAL1_SMALL", image: "x", privilegedMode: true },
            }),
            message: "the build runs privileged",
        },
        {
            it: "no customer-managed key",
            fixtures: patch([project], "runner", { encryptionKey: undefined }),
            message: "it has no customer-managed KMS key",
        },
    ],
});
