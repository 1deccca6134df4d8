import { resourceControl } from "../lib/control";

export const eksSecretsEncryption = resourceControl({
    name: "careplane-eks-secrets-encryption",
    description: "Kubernetes Secrets in etcd are envelope-encrypted with the stack's cluster KMS key.",
    hipaa: ["164.312(a)(2)(iv)", "164.312(e)(2)(ii)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:eks/cluster:Cluster"],
    check: (props) => {
        const config = props.encryptionConfig;
        if ((config?.resources ?? []).includes("secrets") && config?.provider?.keyArn) return undefined;
        return {
            problem: "Kubernetes secrets are not envelope-encrypted with a customer-managed key",
            expected: 'encryptionConfig { resources: ["secrets"], provider.keyArn: the cluster key }',
        };
    },
});
