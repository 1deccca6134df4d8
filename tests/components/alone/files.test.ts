import { expect } from "chai";
import { FileStorage } from "../../../components/data/files";
import { FilesConfig } from "../../../components/config/schema/files";
import { buildAlone, keyArn } from "../../support/alone";

const DATA_SUBNETS = ["subnet-data-a", "subnet-data-b", "subnet-data-c"];

function files(config: FilesConfig, policyWrittenByClients = false, stack = "dev") {
    return buildAlone((context) => {
        new FileStorage("files", {
            context,
            vpcId: "vpc-0123",
            subnetIds: DATA_SUBNETS,
            clientSecurityGroupId: "sg-files-clients",
            dataKeyArn: keyArn("data"),
            policyWrittenByClients,
            config,
        });
    }, stack);
}

describe("FileStorage, built alone", () => {
    it("makes an access point per configured name and moves files to IA after the configured days", async () => {
        const built = await files({ enabled: true, accessPoints: ["scans", "exports"], transitionToIaDays: 60 });
        const paths = built.ofType("aws:efs/accessPoint:AccessPoint").map((ap) => (ap.inputs.rootDirectory as any).path);
        expect(paths).to.have.members(["/scans", "/exports"]);
        const policies = built.one("aws:efs/fileSystem:FileSystem").inputs.lifecyclePolicies as any[];
        expect(policies).to.deep.include({ transitionToIa: "AFTER_60_DAYS" });
    });

    it("encrypts with the data key, mounts in every subnet it is given, and admits the client group it is given on NFS only", async () => {
        const built = await files({ enabled: true, accessPoints: ["files"], transitionToIaDays: 30 });
        expect(built.one("aws:efs/fileSystem:FileSystem").inputs).to.include({ encrypted: true, kmsKeyId: keyArn("data") });
        expect(built.ofType("aws:efs/mountTarget:MountTarget").map((m) => m.inputs.subnetId)).to.have.members(DATA_SUBNETS);
        const [ingress] = built.one("aws:ec2/securityGroup:SecurityGroup").inputs.ingress as any[];
        expect(ingress).to.deep.include({ fromPort: 2049, toPort: 2049, securityGroups: ["sg-files-clients"] });
    });

    it("writes the file system policy itself unless its clients do", async () => {
        const config: FilesConfig = { enabled: true, accessPoints: ["files"], transitionToIaDays: 30 };
        expect((await files(config, false)).ofType("aws:efs/fileSystemPolicy:FileSystemPolicy")).to.have.length(1);
        expect((await files(config, true)).ofType("aws:efs/fileSystemPolicy:FileSystemPolicy")).to.have.length(0);
    });

    it("is backed up and protected in prod", async () => {
        const fs = (await files({ enabled: true, accessPoints: ["files"], transitionToIaDays: 30 }, false, "prod")).one(
            "aws:efs/fileSystem:FileSystem",
        );
        expect(fs.protect).to.equal(true);
        expect(fs.inputs.tags).to.include({ Backup: "true", DataClassification: "phi", Environment: "prod" });
    });
});
