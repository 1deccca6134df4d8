import { amend, aws, patch, specControl } from "../../support/controls";

// IMDSv2.
const template = aws("aws:ec2/launchTemplate:LaunchTemplate", "nodes", {
    metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 2 },
});
const nodeGroup = aws(
    "aws:eks/nodeGroup:NodeGroup",
    "general",
    { launchTemplate: { id: "lt-id", version: "1" } },
    { launchTemplate: template },
);
specControl("careplane-ec2-imdsv2", {
    passes: [{ it: "a node group launched from a template that requires tokens", fixtures: [template, nodeGroup] }],
    fails: [
        {
            it: "a launch template with optional tokens",
            fixtures: patch([template, nodeGroup], "nodes", { metadataOptions: { httpTokens: "optional" } }),
            message: 'nodes (aws:ec2/launchTemplate:LaunchTemplate): instance metadata tokens are "optional"',
        },
        {
            it: "a launch template that does not set tokens",
            fixtures: patch([template, nodeGroup], "nodes", { metadataOptions: undefined }),
            message: 'expected metadataOptions.httpTokens: "required"',
        },
        {
            it: "a node group without a launch template",
            fixtures: [
                amend(patch([nodeGroup], "general", { launchTemplate: undefined }), "general", {
                    propertyDependencies: {},
                    dependencies: [],
                })[0],
            ],
            message: "general (aws:eks/nodeGroup:NodeGroup): it has no launch template, so its nodes accept IMDSv1",
        },
        {
            it: "an instance without IMDSv2",
            fixtures: [aws("aws:ec2/instance:Instance", "bastion", { instanceType: "t3.micro" })],
            message: "bastion (aws:ec2/instance:Instance): instance metadata tokens are",
        },
    ],
});
