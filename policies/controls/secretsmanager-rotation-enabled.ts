import { stackControl } from "../lib/control";
import { ROTATION, SECRET } from "../lib/secrets";
import { ofType, referencing } from "../lib/stack";

export const secretsmanagerRotationEnabled = stackControl({
    name: "careplane-secretsmanager-rotation-enabled",
    description:
        "Every secret has an automatic rotation. Advisory: values issued by partners (smtp) or that must also change inside a service (Redis AUTH, PostgreSQL roles) rotate only once the stack names a rotation function (careplane:secrets.rotationLambdaArn); until then rotation is the runbook's replace step.",
    hipaa: ["164.308(a)(4)(ii)(B)", "164.308(a)(5)(ii)(D)"],
    severity: "medium",
    enforcementLevel: "advisory",
    cdkNag: ["HIPAA.Security-SecretsManagerRotationEnabled"],
    types: [SECRET, ROTATION],
    check: (resources, report) => {
        for (const secret of ofType(resources, SECRET)) {
            if (referencing(resources, secret, "secretId", ROTATION).length === 0) {
                report(secret, { problem: "it never rotates", expected: "an aws.secretsmanager.SecretRotation at most every 90 days" });
            }
        }
    },
});
