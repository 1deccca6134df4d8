import { Finding, resourceControl } from "../lib/control";

export const lambdaConcurrencyDlq = resourceControl({
    name: "careplane-lambda-concurrency-dlq",
    description:
        "Lambda functions reserve concurrency and send failed asynchronous events to a dead-letter queue. Advisory: rotation functions are invoked synchronously by Secrets Manager, which retries and reports failures itself.",
    hipaa: ["164.312(b)"],
    severity: "low",
    enforcementLevel: "advisory",
    cdkNag: ["HIPAA.Security-LambdaConcurrency", "HIPAA.Security-LambdaDLQ"],
    types: ["aws:lambda/function:Function"],
    check: (props) => {
        const problems: Finding[] = [];
        if (!(typeof props.reservedConcurrentExecutions === "number" && props.reservedConcurrentExecutions > 0)) {
            problems.push({ problem: "it reserves no concurrency", expected: "reservedConcurrentExecutions above 0" });
        }
        if (!props.deadLetterConfig?.targetArn)
            problems.push({ problem: "it has no dead-letter queue", expected: "deadLetterConfig.targetArn" });
        return problems;
    },
});
