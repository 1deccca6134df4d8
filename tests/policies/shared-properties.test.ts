// The pack deserializes each resource's properties once and shares the result between policies.
import { expect } from "chai";
import { sharedDeserializer } from "../../policies/lib/shared-properties";

const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const { deserializeProperties } = require("@pulumi/policy/deserialize");

describe("sharing deserialized properties between policies", () => {
    const inputs = { bucket: "phi-documents", tags: { DataClass: "phi" }, rules: [{ days: 2557 }] };

    function counting() {
        let calls = 0;
        const deserialize = sharedDeserializer((struct, proxySecrets) => {
            calls++;
            return deserializeProperties(struct, proxySecrets);
        });
        return { deserialize, calls: () => calls };
    }

    it("deserializes a Struct once, however many policies ask", () => {
        const { deserialize, calls } = counting();
        const struct = Struct.fromJavaScript(inputs);
        const first = deserialize(struct, false);
        for (let i = 0; i < 5; i++) expect(deserialize(struct, false)).to.equal(first);
        expect(calls()).to.equal(1);
        expect(first).to.deep.equal(inputs);
    });

    it("deserializes each Struct on its own", () => {
        const { deserialize, calls } = counting();
        const a = deserialize(Struct.fromJavaScript(inputs), false);
        const b = deserialize(Struct.fromJavaScript({ ...inputs, bucket: "phi-images" }), false);
        expect(calls()).to.equal(2);
        expect([a.bucket, b.bucket]).to.deep.equal(["phi-documents", "phi-images"]);
    });

    it("hands out frozen objects, so no policy can change what the next one sees", () => {
        const props: any = counting().deserialize(Struct.fromJavaScript(inputs), false);
        expect(() => (props.bucket = "public")).to.throw(TypeError);
        expect(() => (props.tags.DataClass = "public")).to.throw(TypeError);
        expect(() => props.rules.push({ days: 1 })).to.throw(TypeError);
    });

    it("gives remediation (proxySecrets) a fresh object every time", () => {
        const { deserialize, calls } = counting();
        const struct = Struct.fromJavaScript(inputs);
        expect(deserialize(struct, true)).to.not.equal(deserialize(struct, true));
        expect(calls()).to.equal(2);
    });
});
