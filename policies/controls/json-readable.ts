import { propertyOf } from "../lib/stack";
import { stackControl } from "../lib/control";
import { readJson } from "../lib/json";

/**
 * The properties AWS resources take as JSON text, and the shape each must have. Every control that
 * reads one skips a value it cannot parse; this control is what makes that skip fail closed.
 */
export const JSON_PROPERTIES: Record<string, "object" | "array"> = {
    policy: "object",
    assumeRolePolicy: "object",
    eventPattern: "object",
    containerDefinitions: "array",
};

export const jsonReadable = stackControl({
    name: "careplane-json-readable",
    description:
        "Every policy document, trust policy, event pattern and container definition is JSON the pack can read: a control never passes what it could not parse.",
    hipaa: ["164.308(a)(1)(ii)(B)", "164.312(a)(1)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: [
        "aws:iam/role:Role",
        "aws:iam/policy:Policy",
        "aws:iam/rolePolicy:RolePolicy",
        "aws:kms/key:Key",
        "aws:s3/bucketPolicy:BucketPolicy",
        "aws:secretsmanager/secretPolicy:SecretPolicy",
        "aws:sns/topicPolicy:TopicPolicy",
        "aws:backup/vaultPolicy:VaultPolicy",
        "aws:ec2/vpcEndpoint:VpcEndpoint",
        "aws:efs/fileSystemPolicy:FileSystemPolicy",
        "aws:cloudwatch/eventRule:EventRule",
        "aws:ecs/taskDefinition:TaskDefinition",
    ],
    check: (resources, report) => {
        for (const r of resources.filter((r) => r.type.startsWith("aws:"))) {
            for (const [property, shape] of Object.entries(JSON_PROPERTIES)) {
                const read = readJson(propertyOf(r, property), property, shape);
                if (read.unreadable) report(r, read.unreadable);
            }
        }
    },
});
