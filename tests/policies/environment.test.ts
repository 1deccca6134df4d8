// Prod's floors cannot be escaped by retagging: the pack takes a resource's environment from the
// stack it is evaluated in (the URN the engine writes), never from a tag or label the change edits.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { environmentOfStack, environmentOfUrn, stackEnvironment } from "../../policies/lib/environment";
import { aws, specControl } from "../support/controls";

const POLICIES = path.resolve(__dirname, "../../policies");

describe("a resource's environment is its stack's", () => {
    it("reads the stack from the URN, whatever the stack is called", () => {
        expect(environmentOfUrn("urn:pulumi:prod::careplane::aws:s3/bucket:Bucket::documents")).to.equal("prod");
        expect(environmentOfUrn("urn:pulumi:dev::careplane::aws:s3/bucket:Bucket::documents")).to.equal("dev");
        expect(environmentOfStack("caresync-staging")).to.equal("staging");
        expect(environmentOfStack("test.eu")).to.equal("test");
    });

    it("holds a stack that names no environment, or several, to the strictest floors", () => {
        expect(environmentOfStack("sandbox")).to.equal("prod");
        expect(environmentOfStack(undefined)).to.equal("prod");
        expect(environmentOfStack("dev-to-prod")).to.equal("prod");
        expect(environmentOfStack("dev-test")).to.equal("test");
        expect(stackEnvironment([])).to.equal("prod");
        expect(stackEnvironment([{ urn: "urn:pulumi:dev::p::t::a" }, { urn: "urn:pulumi:staging::p::t::b" }])).to.equal("staging");
    });

    it("no control or library reads an Environment tag or label, but the two that hold it to the stack's", () => {
        const readers: string[] = [];
        for (const dir of ["controls", "lib"]) {
            for (const file of fs.readdirSync(path.join(POLICIES, dir))) {
                const text = fs.readFileSync(path.join(POLICIES, dir, file), "utf8");
                if (/tags\??\.Environment|tags\??\.\["Environment"\]|labels\??\.environment|labels\??\.\["environment"\]/.test(text))
                    readers.push(`${dir}/${file}`);
            }
        }
        expect(readers.sort()).to.deep.equal(["controls/k8s-required-labels.ts", "controls/required-tags.ts"]);
    });
});

specControl("careplane-required-tags", {
    passes: [{ it: "a dev stack's key tagged dev", environment: "dev", fixtures: [aws("aws:kms/key:Key", "data", {}, {}, "dev")] }],
    fails: [
        {
            it: "a prod stack's key retagged dev",
            fixtures: [aws("aws:kms/key:Key", "data", {}, {}, "dev")],
            message: 'tag Environment is "dev" in a prod stack; expected Environment: prod',
        },
    ],
});
