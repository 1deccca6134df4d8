// Which environment's floors apply to a resource: the stack's, read from the resource's URN
// (`urn:pulumi:<stack>::<project>::<type>::<name>`). The engine writes the URN from the stack
// being deployed; no input of the change can edit it, unlike an Environment tag or label, so
// retagging a prod resource `Environment: dev` does not lower its floors.
import { Environment, environments, isEnvironment } from "./minimums";

/** The stack segment of a Pulumi URN; undefined when the text is not a URN. */
export function stackOfUrn(urn: string): string | undefined {
    return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

function strictest(named: Environment[]): Environment {
    return named.reduce((a, b) => (environments.indexOf(a) >= environments.indexOf(b) ? a : b));
}

/**
 * The environment a stack name says: `prod`, or a name with `prod` as one of its `-`, `_` or `.`
 * separated words (`caresync-prod`); the strictest when it names several, prod's when it names none.
 */
export function environmentOfStack(stack: string | undefined): Environment {
    const named = (stack ?? "").toLowerCase().split(/[-_.]/).filter(isEnvironment);
    return named.length === 0 ? "prod" : strictest(named);
}

/** The environment whose floors a resource is held to: its stack's. */
export function environmentOfUrn(urn: string): Environment {
    return environmentOfStack(stackOfUrn(urn));
}

/** The environment of the stack being evaluated: the strictest its resources' URNs name (one stack names one). */
export function stackEnvironment(resources: Array<{ urn: string }>): Environment {
    return resources.length === 0 ? "prod" : strictest(resources.map((r) => environmentOfUrn(r.urn)));
}
