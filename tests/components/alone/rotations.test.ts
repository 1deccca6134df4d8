import * as aws from "@pulumi/aws";
import { expect } from "chai";
import { RotatedEntry, SecretRotations } from "../../../components/data/rotation/rotations";
import { RotationSpec } from "../../../components/data/rotation/spec";
import { ACCOUNT, buildAlone, keyArn, PARTITION } from "../../support/alone";

/** An entry as the Secrets component hands it over: a stand-in secret and its first version. */
function entry(name: string, rotation: RotationSpec): RotatedEntry {
    const secret = new aws.secretsmanager.Secret(`entry-${name}`, { name: `caresync/dev/${name}` });
    const version = new aws.secretsmanager.SecretVersion(`entry-${name}`, { secretId: secret.id, secretString: "{}" });
    return { entry: name, name: `caresync/dev/${name}`, arn: secret.arn, version, rotation };
}

async function rotations(rotationDays: number) {
    let component: SecretRotations | undefined;
    const built = await buildAlone((context) => {
        component = new SecretRotations("rotation", {
            context,
            entries: [entry("jwt", { kind: "signing-key" }), entry("smtp", { kind: "partner" })],
            vpcId: "vpc-0123",
            appSubnetIds: ["subnet-app-a", "subnet-app-b"],
            secretsKeyArn: keyArn("secrets"),
            logsKeyArn: keyArn("logs"),
            accountId: ACCOUNT,
            partition: PARTITION,
            rotationDays,
        });
    });
    return { built, alerts: component!.alerts };
}

describe("SecretRotations, built alone", () => {
    it("rotates every generated entry it is given at least every rotationDays, and watches a partner-issued one's age against it", async () => {
        for (const days of [30, 90]) {
            const { built, alerts } = await rotations(days);
            const rotated = built.ofType("aws:secretsmanager/secretRotation:SecretRotation");
            expect(rotated).to.have.length(1);
            expect((rotated[0].inputs.rotationRules as any).automaticallyAfterDays).to.equal(days);
            const age = alerts.alarms.find((a) => a.key === "secret-age-smtp")!;
            expect(age.threshold).to.equal(days);
        }
    });

    it("runs its functions in the subnets it is given, logging with the logs key, failures to a dead-letter queue", async () => {
        const { built, alerts } = await rotations(90);
        const functions = built.ofType("aws:lambda/function:Function");
        expect(functions).to.have.length(2);
        for (const fn of functions) expect((fn.inputs.vpcConfig as any).subnetIds, fn.name).to.deep.equal(["subnet-app-a", "subnet-app-b"]);
        for (const group of built.ofType("aws:cloudwatch/logGroup:LogGroup"))
            expect(group.inputs.kmsKeyId, group.name).to.equal(keyArn("logs"));
        expect(built.ofType("aws:sqs/queue:Queue")).to.have.length(1);
        expect(alerts.alarms.map((a) => a.key)).to.include("rotation-dead-letters");
    });
});
