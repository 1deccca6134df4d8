import { specControl } from "../../support/controls";
import { task } from "../baselines/compute";

const efsVolume = {
    name: "files-uploads",
    efsVolumeConfiguration: {
        fileSystemId: "fs-0123456789abcdef0",
        transitEncryption: "ENABLED",
        authorizationConfig: { accessPointId: "fsap-0123456789abcdef0", iam: "ENABLED" },
    },
};
const mounting = (efs: Record<string, unknown> = {}) =>
    task({}, { volumes: [{ name: "tmp" }, { ...efsVolume, efsVolumeConfiguration: { ...efsVolume.efsVolumeConfiguration, ...efs } }] });
specControl("careplane-ecs-efs-volume-secured", {
    passes: [
        { it: "an EFS volume over TLS, through an access point, with IAM authorization", fixtures: [mounting()] },
        { it: "a task without EFS volumes", fixtures: [task()] },
    ],
    fails: [
        {
            it: "no transit encryption",
            fixtures: [mounting({ transitEncryption: "DISABLED" })],
            message: "backend (aws:ecs/taskDefinition:TaskDefinition): volume files-uploads mounts EFS without TLS",
        },
        {
            it: "no access point",
            fixtures: [mounting({ authorizationConfig: { iam: "ENABLED" } })],
            message: "volume files-uploads mounts the file system's root, not an access point",
        },
        {
            it: "no IAM authorization",
            fixtures: [mounting({ authorizationConfig: { accessPointId: "fsap-0123456789abcdef0", iam: "DISABLED" } })],
            message: "volume files-uploads mounts without IAM authorization",
        },
    ],
});
