// The generated argument constraints: the committed table against its mapping, a failing and a
// passing value for every constraint, and the mapping against every AWS input the stacks pass.
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import RandExp from "randexp";
import { Plan } from "../../tools/engine/plan";
import { analyzeReadiness } from "../../tools/readiness";
import { jsPattern } from "../../tools/readiness/generate/constraints";
import { Constraint, CONSTRAINTS, ruleIdOf, valuesAt, violation } from "../../tools/readiness/rules/constraints/generated";
import { planOf, ROOT, STACKS } from "../support/engine";
import { Fixture, nested } from "./support/fixture";

const mapping = JSON.parse(fs.readFileSync(path.join(ROOT, "tools/readiness/generate/mapping.json"), "utf8")).resources as Record<
    string,
    { properties: Record<string, { api?: string; cfn?: string; none?: string }> }
>;
const table = JSON.parse(fs.readFileSync(path.join(ROOT, "tools/readiness/rules/constraints/table.json"), "utf8"));

/** A value the constraint accepts: an enumerated one, a bound, or a string its pattern generates within its lengths. */
function accepted(c: Constraint): unknown {
    if (c.enum) return c.enum[0];
    if (c.kind === "number") return c.min ?? c.max;
    if (!c.pattern) return "x".repeat(Math.max(c.min ?? 1, 1));
    const gen = new RandExp(new RegExp(c.pattern, c.flags ?? "u"));
    gen.max = Math.min(Math.max(c.min ?? 1, 3), c.max ?? 8);
    for (let i = 0; i < 500; i++) {
        const s = gen.gen();
        if (violation(c, s) === undefined) return s;
    }
    throw new Error(`no accepted value found for ${ruleIdOf(c)}`);
}

/** A value the constraint refuses (undefined when it has nothing a wrong value could break). */
function refused(c: Constraint): unknown {
    const candidates =
        c.kind === "number"
            ? [c.min !== undefined ? c.min - 1 : undefined, c.max !== undefined ? c.max + 1 : undefined, c.enum ? -12345 : undefined]
            : ["NOT-AN-ALLOWED-VALUE", "", " ", "bad value:with/all\u0000sorts", "\u0100\u{1F600}", "x".repeat((c.max ?? 0) + 1)];
    return candidates.find((v) => v !== undefined && violation(c, v) !== undefined);
}

async function findingsFor(c: Constraint, value: unknown) {
    const fx = new Fixture();
    fx.add(c.type, "subject", nested(c.path, value));
    return (await analyzeReadiness(fx.plan, { today: new Date("2026-11-01") })).findings.filter((f) => f.rule === ruleIdOf(c));
}

describe("deploy readiness: constraints generated from AWS's API models", function () {
    this.timeout(120000);

    it("were generated from botocore and the CloudFormation service spec, each with its origin and source", () => {
        expect(table.generatedFrom.botocore).to.match(/^\d+\.\d+\.\d+$/);
        expect(table.generatedFrom.awsServiceSpec).to.match(/^\d+\.\d+\.\d+$/);
        expect(CONSTRAINTS.length).to.be.greaterThan(150);
        for (const c of CONSTRAINTS) {
            expect(c.origin, ruleIdOf(c)).to.match(/^(\w[\w-]*\/\w+ \w+|CloudFormation AWS::)/);
            expect(c.source, ruleIdOf(c)).to.match(/botocore data\/|@aws-cdk\/aws-service-spec/);
            if (c.pattern) expect(() => new RegExp(c.pattern!, c.flags ?? "u"), ruleIdOf(c)).not.to.throw();
        }
    });

    it("come only from properties the mapping maps to an API member or a CloudFormation property", () => {
        for (const c of CONSTRAINTS) {
            const m = mapping[c.type]?.properties[c.path];
            expect(m, `${c.type} ${c.path}`).to.exist;
            expect(m.api ?? m.cfn, `${c.type} ${c.path}`).to.be.a("string");
        }
    });

    for (const c of CONSTRAINTS) {
        const bad = refused(c);
        it(`${ruleIdOf(c)}: refuses ${JSON.stringify(bad)?.slice(0, 40)}, accepts a value it allows`, async () => {
            expect(bad, "a refused value").to.not.equal(undefined);
            expect(await findingsFor(c, bad)).to.have.length(1);
            expect(await findingsFor(c, accepted(c))).to.deep.equal([]);
        });
    }

    it("does not check a value built from another resource (AWS gives it), only the program's own", async () => {
        const c = CONSTRAINTS.find((x) => x.type === "aws:efs/mountTarget:MountTarget" && x.path === "subnetId")!;
        const fx = new Fixture();
        const subnet = fx.add("aws:ec2/subnet:Subnet", "data-0", { cidrBlock: "10.0.128.0/20" });
        fx.add(c.type, "reference", { subnetId: "data-0-id" }, [subnet]);
        fx.add(c.type, "literal", { subnetId: "data-0-id-typed-by-hand" });
        const found = (await analyzeReadiness(fx.plan)).findings.filter((f) => f.rule === ruleIdOf(c));
        expect(found.map((f) => f.name)).to.deep.equal(["literal"]);
    });

    /** `type path` of every argument the plans pass on AWS resources that the mapping does not map. */
    const unmappedIn = (plans: Plan[]) => {
        const unmapped = new Set<string>();
        const walk = (type: string, prefix: string, value: unknown) => {
            if (value && typeof value === "object" && !Array.isArray(value)) {
                if (["tags", "tagsAll", "recoveryPointTags", "resourceTags"].includes(prefix.split(".").pop()!)) return;
                for (const [k, v] of Object.entries(value)) walk(type, prefix ? `${prefix}.${k}` : k, v);
            } else if (Array.isArray(value)) value.forEach((v) => walk(type, `${prefix}[]`, v));
            else if (!mapping[type]?.properties[prefix]) unmapped.add(`${type} ${prefix}`);
        };
        for (const plan of plans)
            for (const r of plan.resources.filter((r) => r.type.startsWith("aws:")))
                walk(r.type, "", Object.fromEntries(Object.entries(r.inputs).filter(([k]) => k !== "tags" && k !== "tagsAll")));
        return [...unmapped].sort();
    };

    it("maps every argument the four stacks pass on AWS resources (to an API member, a CloudFormation property, or a reason it has none)", async () => {
        expect(unmappedIn(await Promise.all(STACKS.map((stack) => planOf(stack))))).to.deep.equal([]);
    });

    it("maps every argument OmniCare's stack passes, its GHCR pull-through cache included (issue 19)", async () => {
        expect(unmappedIn([await planOf("prod", {}, path.join(ROOT, "examples", "omnicare"))])).to.deep.equal([]);
    });

    it("anchors a pattern with a top-level alternation as a whole (Lambda's ResourceArn: an ARN or nothing)", () => {
        const p = jsPattern("(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()")!;
        const re = new RegExp(p.pattern, p.flags);
        expect(re.test("arn:aws:sqs:us-east-1:111122223333:dead-letters")).to.equal(true);
        expect(re.test("")).to.equal(true);
        expect(re.test("dead-letters")).to.equal(false);
        expect(jsPattern("[a|b]+")!.pattern).to.equal("^[a|b]+$");
    });

    it("reads values at a property path through lists and objects", () => {
        expect(valuesAt({ rules: [{ lifecycle: { deleteAfter: 7 } }, { lifecycle: {} }] }, "rules[].lifecycle.deleteAfter")).to.deep.equal([
            { at: "rules[0].lifecycle.deleteAfter", value: 7 },
        ]);
    });
});
