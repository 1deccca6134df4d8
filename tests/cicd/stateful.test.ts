import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { replacingInputs, statefulTypes } from "../../tools/diff/stateful";
import { planOf, ROOT } from "../support/engine";

/** The input names a resource type's Args declares in its provider SDK (@pulumi/aws or @pulumi/random). */
function argsOf(token: string): string[] {
    const [pkg, module, resource] = token.split(":");
    const file =
        pkg === "aws"
            ? path.join(ROOT, "node_modules/@pulumi/aws", `${module}.d.ts`)
            : path.join(ROOT, `node_modules/@pulumi/${pkg}`, `${module.split("/")[1]}.d.ts`);
    const source = fs.readFileSync(file, "utf8");
    const start = source.indexOf(`export interface ${resource}Args {`);
    expect(start, `${resource}Args in ${file}`).to.be.greaterThan(-1);
    const body = source.slice(start, source.indexOf("\n}", start));
    return [...body.matchAll(/\n\s+(?:readonly\s+)?(\w+)\??:/g)].map((m) => m[1]);
}

describe("the plan diff's stateful types", () => {
    it("name only inputs that the provider SDK declares for each type", () => {
        for (const [token, spec] of Object.entries(statefulTypes)) {
            const args = argsOf(token);
            for (const input of Object.keys(spec.replaceOn)) expect(args, `${token}.${input}`).to.include(input);
        }
    });

    it("cover every type the prod stack protects (ctx.stateful): each needs its replace-on-change inputs in tools/diff/stateful.ts", async () => {
        const protectedTypes = new Set((await planOf("prod")).resources.filter((r) => r.protect).map((r) => r.type));
        expect(protectedTypes.size).to.be.greaterThan(0);
        expect([...protectedTypes].filter((t) => !(t in statefulTypes))).to.deep.equal([]);
    });

    it("replace ElastiCache for transit encryption only before engine 7.0.5", () => {
        const type = "aws:elasticache/replicationGroup:ReplicationGroup";
        const flip = (engineVersion: string) =>
            replacingInputs(
                type,
                ["transitEncryptionEnabled"],
                { transitEncryptionEnabled: true },
                { engineVersion, transitEncryptionEnabled: false },
            );
        expect(flip("6.2")).to.deep.equal(["transitEncryptionEnabled"]);
        expect(flip("7.0.4")).to.deep.equal(["transitEncryptionEnabled"]);
        expect(flip("7.0.5")).to.deep.equal([]);
        expect(flip("7.1")).to.deep.equal([]);
    });

    it("read an absent input as the provider's default: spelling out the default replaces nothing", () => {
        const key = "aws:kms/key:Key";
        expect(replacingInputs(key, ["customerMasterKeySpec"], {}, { customerMasterKeySpec: "SYMMETRIC_DEFAULT" })).to.deep.equal([]);
        expect(replacingInputs(key, ["customerMasterKeySpec"], {}, { customerMasterKeySpec: "RSA_2048" })).to.deep.equal([
            "customerMasterKeySpec",
        ]);
        const db = "aws:rds/instance:Instance";
        expect(replacingInputs(db, ["storageEncrypted"], {}, { storageEncrypted: true })).to.deep.equal(["storageEncrypted"]);
        expect(replacingInputs(db, ["storageEncrypted"], {}, { storageEncrypted: false })).to.deep.equal([]);
    });
});
