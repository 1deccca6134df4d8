// What careplane's own rotation functions may do, as pure functions: each may rotate its one entry and
// nothing else (Secrets Manager user guide, "Lambda rotation function execution role permissions").
// tests/iam simulates the documents the plan carries.

/** A Lambda function in a VPC manages its network interfaces (the actions AWSLambdaVPCAccessExecutionRole grants). */
const vpcAttachment = {
    Sid: "AttachToTheVpc",
    Effect: "Allow",
    Action: [
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface",
        "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
    ],
    // EC2 checks these on network interfaces that do not exist yet, and Describe* take no resource.
    Resource: "*",
};

export interface FunctionBasics {
    /** The function's own log group, which careplane creates (with retention and the logs key). */
    logGroupArn: string;
    /** Where the runtime sends an asynchronous invocation it gave up on. */
    deadLetterQueueArn: string;
}

function basics(f: FunctionBasics) {
    return [
        { Sid: "WriteItsLog", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${f.logGroupArn}:*` },
        { Sid: "DeadLetters", Effect: "Allow", Action: "sqs:SendMessage", Resource: f.deadLetterQueueArn },
        vpcAttachment,
    ];
}

export interface RotationAccess extends FunctionBasics {
    secretArn: string;
    functionArn: string;
    secretsKeyArn: string;
    region: string;
    /** An ElastiCache user whose passwords the function sets (redis-user rotation). */
    redisUserArn?: string;
}

/**
 * A rotation function's policy: the four rotation calls on its own entry, and only while Secrets Manager
 * names this function as the entry's rotation function; the secrets key only through Secrets Manager; an
 * ElastiCache user's password for a Redis entry.
 */
export function rotationFunctionPolicy(a: RotationAccess) {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "RotateItsEntry",
                Effect: "Allow",
                Action: [
                    "secretsmanager:DescribeSecret",
                    "secretsmanager:GetSecretValue",
                    "secretsmanager:PutSecretValue",
                    "secretsmanager:UpdateSecretVersionStage",
                ],
                Resource: a.secretArn,
                Condition: { StringEquals: { "secretsmanager:resource/AllowRotationLambdaArn": a.functionArn } },
            },
            {
                Sid: "UseTheSecretsKeyThroughSecretsManager",
                Effect: "Allow",
                Action: ["kms:Decrypt", "kms:GenerateDataKey"],
                Resource: a.secretsKeyArn,
                Condition: { StringEquals: { "kms:ViaService": `secretsmanager.${a.region}.amazonaws.com` } },
            },
            ...(a.redisUserArn
                ? [
                      {
                          Sid: "SetItsUsersPasswords",
                          Effect: "Allow",
                          Action: ["elasticache:DescribeUsers", "elasticache:ModifyUser"],
                          Resource: a.redisUserArn,
                      },
                  ]
                : []),
            ...basics(a),
        ],
    };
}

export interface AgeCheckAccess extends FunctionBasics {
    /** The partner-issued entries it watches. */
    secretArns: string[];
    namespace: string;
}

/** The age check reads when each watched entry's versions were stored (never a value) and publishes one metric namespace. */
export function ageCheckPolicy(a: AgeCheckAccess) {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ListVersionsOfWatchedEntries", Effect: "Allow", Action: "secretsmanager:ListSecretVersionIds", Resource: a.secretArns },
            {
                Sid: "PublishSecretAges",
                Effect: "Allow",
                Action: "cloudwatch:PutMetricData",
                // PutMetricData takes no resource; the namespace condition is its scope.
                Resource: "*",
                Condition: { StringEquals: { "cloudwatch:namespace": a.namespace } },
            },
            ...basics(a),
        ],
    };
}
