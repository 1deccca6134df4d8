import { stackControl } from "../lib/control";
import { SECRET_ROTATION_MAX_DAYS } from "../lib/minimums";
import { FUNCTION, rotationDays, ROTATION, SAR_STACK, SECRET } from "../lib/secrets";
import { ofType, referencedBy, StackResource } from "../lib/stack";

/** RDS rotates the master secret it manages itself; no rotation function is named. */
function managedByRds(rotation: StackResource): boolean {
    return referencedBy(rotation, "secretId").some((d) => d.type === "aws:rds/instance:Instance" || d.type === "aws:rds/cluster:Cluster");
}

export const secretsmanagerRotation = stackControl({
    name: "careplane-secretsmanager-rotation",
    description:
        "Every secret rotation that is declared runs at least every 90 days (quarterly), is enabled, and names a rotation function the stack deploys (a Lambda function or an AWS rotation template's stack, which the Lambda controls then hold to the VPC), unless RDS manages the secret.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.308(a)(5)(ii)(D)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [ROTATION, SECRET, FUNCTION, SAR_STACK],
    check: (resources, report) => {
        for (const r of ofType(resources, ROTATION)) {
            const days = rotationDays(r.props.rotationRules);
            if (r.props.rotationEnabled === false) {
                report(r, { problem: "the rotation is disabled", expected: "rotationEnabled unset or true" });
            } else if (!r.props.rotationLambdaArn && !managedByRds(r)) {
                report(r, {
                    problem: "the rotation names no rotation function",
                    expected: "rotationLambdaArn (RDS-managed master secrets excepted)",
                });
            } else if (
                r.props.rotationLambdaArn &&
                !referencedBy(r, "rotationLambdaArn").some((d) => [FUNCTION, SAR_STACK].includes(d.type))
            ) {
                report(r, {
                    problem: `the rotation function ${r.props.rotationLambdaArn} is not one the stack deploys, so no control can see it`,
                    expected:
                        "rotationLambdaArn from an aws.lambda.Function or an AWS rotation template's CloudFormation stack of the stack",
                });
            } else if (days === undefined || days > SECRET_ROTATION_MAX_DAYS) {
                report(r, {
                    problem: days === undefined ? "the rotation has no readable schedule" : `the secret rotates every ${days} days`,
                    expected: `rotationRules at most every ${SECRET_ROTATION_MAX_DAYS} days`,
                });
            }
        }
    },
});
