import { aws, patch, res, specControl } from "../../support/controls";
import { rotateFunction, rotation, secret } from "../baselines/audit";

specControl("careplane-secretsmanager-rotation", {
    passes: [
        { it: "rotation every 90 days through a function", fixtures: [secret, rotateFunction, rotation] },
        {
            it: "a monthly cron schedule",
            fixtures: [
                secret,
                rotateFunction,
                ...patch([rotation], "jwt-rotation", { rotationRules: { scheduleExpression: "cron(0 4 1 * ? *)" } }),
            ],
        },
        {
            it: "the RDS-managed master secret rotating without a function",
            fixtures: (() => {
                const db = aws("aws:rds/instance:Instance", "db", { manageMasterUserPassword: true });
                return [
                    db,
                    res(
                        "aws:secretsmanager/secretRotation:SecretRotation",
                        "master",
                        { secretId: "arn:secret", rotationRules: { automaticallyAfterDays: 90 } },
                        { secretId: db },
                    ),
                ];
            })(),
        },
    ],
    fails: [
        {
            it: "rotation every 180 days",
            fixtures: [secret, rotateFunction, ...patch([rotation], "jwt-rotation", { rotationRules: { automaticallyAfterDays: 180 } })],
            message: "jwt-rotation (aws:secretsmanager/secretRotation:SecretRotation): the secret rotates every 180 days",
        },
        {
            it: "rotation without a function",
            fixtures: [secret, ...patch([rotation], "jwt-rotation", { rotationLambdaArn: undefined })],
            message: "the rotation names no rotation function",
        },
        {
            it: "a rotation function the stack does not deploy",
            fixtures: [
                secret,
                res("aws:secretsmanager/secretRotation:SecretRotation", "jwt-rotation", { ...rotation.inputs }, { secretId: secret }),
            ],
            message: "the rotation function arn:aws:lambda:us-east-1:123456789012:function:rotate is not one the stack deploys",
        },
        {
            it: "rotation disabled",
            fixtures: [secret, rotateFunction, ...patch([rotation], "jwt-rotation", { rotationEnabled: false })],
            message: "the rotation is disabled",
        },
        {
            it: "an unreadable schedule",
            fixtures: [secret, rotateFunction, ...patch([rotation], "jwt-rotation", { rotationRules: {} })],
            message: "the rotation has no readable schedule",
        },
    ],
});
