import { resourceControl } from "../lib/control";

/** Environment variable names that carry AWS keys (cdk-nag CodeBuildProjectEnvVarAwsCred). */
const awsKeyNames = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"];
/** Source authentication that hands CodeBuild a delegated grant rather than a stored token. */
const delegatedAuth = ["OAUTH", "CODECONNECTIONS"];

export const codebuildProjectSecured = resourceControl({
    name: "careplane-codebuild-project-secured",
    description:
        "CodeBuild projects (the in-VPC CI runner) carry no AWS keys in plaintext environment variables, take their source through OAuth or a CodeConnections connection rather than a token or password in the URL, run unprivileged, and encrypt what they keep with a customer-managed key.",
    hipaa: ["164.308(a)(3)(i)", "164.308(a)(4)(ii)(A)", "164.308(a)(4)(ii)(C)", "164.312(a)(1)", "164.312(a)(2)(iv)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: ["HIPAA.Security-CodeBuildProjectEnvVarAwsCred", "HIPAA.Security-CodeBuildProjectSourceRepoUrl"],
    types: ["aws:codebuild/project:Project"],
    check: (props) => {
        const variables = (props.environment?.environmentVariables ?? []) as Array<{ name?: string; type?: string }>;
        const key = variables.find((v) => awsKeyNames.includes(String(v.name)) && (v.type ?? "PLAINTEXT") === "PLAINTEXT");
        if (key)
            return {
                problem: `${key.name} is a plaintext environment variable`,
                expected: "no AWS keys: the build's service role, or a role assumed through OIDC",
            };
        const location = String(props.source?.location ?? "");
        if (/^[a-z]+:\/\/[^/@]+@/i.test(location))
            return { problem: "the source URL carries credentials", expected: "a source URL without user or token" };
        const auth = props.source?.auth?.type;
        if (auth !== undefined && !delegatedAuth.includes(auth)) {
            return {
                problem: `the source authenticates with ${auth}`,
                expected: `source auth ${delegatedAuth.join(" or ")}, or the account's connection`,
            };
        }
        if (props.environment?.privilegedMode === true) return { problem: "the build runs privileged", expected: "privilegedMode: false" };
        if (!props.encryptionKey)
            return { problem: "it has no customer-managed KMS key", expected: "encryptionKey set to one of the stack's keys" };
        return undefined;
    },
});
