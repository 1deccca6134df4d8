import { stackControl } from "../lib/control";
import { ofType, referencedBy, Typed } from "../lib/stack";

const LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";
const INSTANCE = "aws:ec2/instance:Instance";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

function tokensRequired(r: Typed<typeof LAUNCH_TEMPLATE | typeof INSTANCE>): boolean {
    return r.props.metadataOptions?.httpTokens === "required";
}

export const ec2Imdsv2 = stackControl({
    name: "careplane-ec2-imdsv2",
    description:
        "Instances, launch templates and EKS node groups require IMDSv2 session tokens, so a server-side request forgery cannot read the node's credentials.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-EC2IMDSv2Enabled"],
    types: [LAUNCH_TEMPLATE, INSTANCE, NODE_GROUP],
    check: (resources, report) => {
        for (const r of ofType(resources, LAUNCH_TEMPLATE, INSTANCE)) {
            if (r.type === INSTANCE && !r.props.metadataOptions && referencedBy(r, "launchTemplate").length > 0) continue;
            if (!tokensRequired(r)) {
                report(r, {
                    problem: `instance metadata tokens are ${JSON.stringify(r.props.metadataOptions?.httpTokens ?? "optional (default)")}`,
                    expected: 'metadataOptions.httpTokens: "required"',
                });
            }
        }
        for (const group of ofType(resources, NODE_GROUP)) {
            if (referencedBy(group, "launchTemplate").some((t) => t.type === LAUNCH_TEMPLATE)) continue;
            report(group, {
                problem: "it has no launch template, so its nodes accept IMDSv1",
                expected: 'launchTemplate pointing at an aws.ec2.LaunchTemplate with metadataOptions.httpTokens "required"',
            });
        }
    },
});
