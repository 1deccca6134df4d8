import { PlannedResource } from "../engine/plan";
import { securityGroupType } from "./kinds";
import { PlanIndex } from "./plan-index";

/** Traffic one security group admits from another: the arrows of allowed network paths. */
export interface NetworkPath {
    source: PlannedResource;
    target: PlannedResource;
    ports: string;
}

interface IngressRule {
    protocol?: unknown;
    fromPort?: unknown;
    toPort?: unknown;
}

/**
 * Ingress that names another group, wherever the program wrote it: inline `ingress[].securityGroups`,
 * an `ec2.SecurityGroupRule` with `sourceSecurityGroupId`, or a `vpc.SecurityGroupIngressRule`
 * with `referencedSecurityGroupId`.
 */
export function networkPaths(index: PlanIndex): NetworkPath[] {
    const paths: NetworkPath[] = [];
    const add = (holder: PlannedResource, target: unknown, source: unknown, rule: IngressRule) => {
        const t = index.resolve(holder, target, securityGroupType);
        const s = index.resolve(holder, source, securityGroupType);
        if (t && s && t !== s) paths.push({ source: s, target: t, ports: portsOf(rule) });
    };
    for (const sg of index.ofType(securityGroupType)) {
        for (const rule of asArray(sg.inputs.ingress)) {
            for (const source of asArray(rule.securityGroups)) add(sg, `${sg.name}-id`, source, rule);
        }
    }
    for (const rule of index.ofType(/^aws:ec2\/securityGroupRule:SecurityGroupRule$/)) {
        if (rule.inputs.type === "ingress") add(rule, rule.inputs.securityGroupId, rule.inputs.sourceSecurityGroupId, rule.inputs);
    }
    for (const rule of index.ofType(/^aws:vpc\/securityGroupIngressRule:SecurityGroupIngressRule$/)) {
        add(rule, rule.inputs.securityGroupId, rule.inputs.referencedSecurityGroupId, { ...rule.inputs, protocol: rule.inputs.ipProtocol });
    }
    return paths;
}

function portsOf(rule: IngressRule): string {
    const protocol = String(rule.protocol ?? "tcp");
    if (protocol === "-1" || protocol === "all") return "all traffic";
    if (rule.fromPort === undefined || rule.fromPort === rule.toPort || rule.toPort === undefined)
        return `${protocol} ${rule.fromPort ?? ""}`.trim();
    return `${protocol} ${rule.fromPort}-${rule.toPort}`;
}

function asArray(value: unknown): any[] {
    return Array.isArray(value) ? value : [];
}
