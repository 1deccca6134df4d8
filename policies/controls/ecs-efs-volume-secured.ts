import { Finding, resourceControl } from "../lib/control";
import { list } from "../lib/policy-document";

export const ecsEfsVolumeSecured = resourceControl({
    name: "careplane-ecs-efs-volume-secured",
    description:
        "Every EFS volume of an ECS task definition mounts over TLS (transit encryption on), through an access point, with IAM authorization, so files travel encrypted and each task reaches only the directory its role is granted.",
    hipaa: ["164.312(a)(1)", "164.312(d)", "164.312(e)(1)", "164.312(e)(2)(ii)"],
    severity: "high",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: ["aws:ecs/taskDefinition:TaskDefinition"],
    check: (props) => {
        const problems: Finding[] = [];
        for (const v of list(props.volumes as any[] | undefined)) {
            const efs = v?.efsVolumeConfiguration;
            if (!efs) continue;
            const volume = `volume ${v.name ?? "(unnamed)"}`;
            if (efs.transitEncryption !== "ENABLED")
                problems.push({
                    problem: `${volume} mounts EFS without TLS`,
                    expected: 'efsVolumeConfiguration.transitEncryption "ENABLED"',
                });
            if (!efs.authorizationConfig?.accessPointId)
                problems.push({
                    problem: `${volume} mounts the file system's root, not an access point`,
                    expected: "efsVolumeConfiguration.authorizationConfig.accessPointId",
                });
            if (efs.authorizationConfig?.iam !== "ENABLED")
                problems.push({
                    problem: `${volume} mounts without IAM authorization (the task role is not checked)`,
                    expected: 'efsVolumeConfiguration.authorizationConfig.iam "ENABLED"',
                });
        }
        return problems;
    },
});
