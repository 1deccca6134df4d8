// npm run readiness:generate — writes tools/readiness/rules/constraints/table.json from AWS's own
// models, as tflint-ruleset-aws generates its rules: mapping.json says which API member (botocore's
// service-2.json, Debian package python3-botocore) and which CloudFormation property
// (@aws-cdk/aws-service-spec's db.json.gz, for current enumerations) each input property careplane
// passes corresponds to; every min, max, pattern and enum found becomes one constraint.
// The tests and the preview read only the committed table.
import * as fs from "fs";
import * as path from "path";
import { gunzipSync } from "zlib";
import type { Constraint } from "../rules/constraints/generated";

const BOTOCORE = process.env.BOTOCORE_DATA ?? "/usr/lib/python3/dist-packages/botocore/data";
const ROOT = path.resolve(__dirname, "../../..");
const MAPPING = path.join(__dirname, "mapping.json");
const TABLE = path.join(ROOT, "tools/readiness/rules/constraints/table.json");

interface Shape {
    type: string;
    members?: Record<string, { shape: string }>;
    member?: { shape: string };
    value?: { shape: string };
    min?: number;
    max?: number;
    pattern?: string;
    enum?: string[];
}
interface Model {
    version: string;
    file: string;
    operations: Record<string, { input?: { shape: string } }>;
    shapes: Record<string, Shape>;
}
interface PropertyMapping {
    api?: string;
    cfn?: string;
    none?: string;
    /** Why botocore's enumeration is out of date for this member (and no CloudFormation one replaces it): it is left out. */
    staleEnum?: string;
    /** Why botocore's minimum and maximum are out of date for this member: they are left out. */
    staleRange?: string;
}
interface Mapping {
    resources: Record<string, { api: string; cfn?: string; properties: Record<string, PropertyMapping> }>;
}

const models = new Map<string, Model>();
function model(service: string): Model {
    let m = models.get(service);
    if (!m) {
        const dir = path.join(BOTOCORE, service);
        if (!fs.existsSync(dir)) throw new Error(`no botocore model for ${service} under ${BOTOCORE} (apt-get install python3-botocore)`);
        const version = fs.readdirSync(dir).sort().pop()!;
        const file = path.join(dir, version, "service-2.json");
        m = { ...JSON.parse(fs.readFileSync(file, "utf8")), version, file };
        models.set(service, m!);
    }
    return m!;
}

/** `logs/PutRetentionPolicy:retentionInDays`, or a member path relative to the resource's own operation. */
function resolveApi(
    resourceApi: string,
    member: string,
): { service: string; operation: string; shapeName: string; shape: Shape; model: Model } {
    const [target, memberPath] = member.includes(":") ? member.split(":") : [resourceApi, member];
    const [service, operation] = target.split("/");
    const m = model(service);
    const op = m.operations[operation];
    if (!op?.input) throw new Error(`${service} has no operation ${operation} in botocore ${m.version}`);
    let shapeName = op.input.shape;
    for (const raw of memberPath.split(".")) {
        const name = raw.replace(/\[\]$/, "");
        let shape = m.shapes[shapeName];
        while (shape.type === "list") shape = m.shapes[(shapeName = shape.member!.shape)];
        if (shape.type === "map" && name === "*") {
            shapeName = shape.value!.shape;
            continue;
        }
        const next = shape.members?.[name];
        if (!next) throw new Error(`${service}/${operation}: ${shapeName} has no member ${name} (in ${memberPath})`);
        shapeName = next.shape;
    }
    let shape = m.shapes[shapeName];
    while (shape.type === "list") shape = m.shapes[(shapeName = shape.member!.shape)];
    return { service, operation, shapeName, shape, model: m };
}

interface SpecType {
    type: string;
    element?: SpecType;
    reference?: { $ref: string };
    allowedValues?: Array<string | number>;
}
interface Spec {
    resources: Map<string, { properties: Record<string, { type: SpecType }> }>;
    types: Map<string, { properties?: Record<string, { type: SpecType }> }>;
    version: string;
}
function loadSpec(): Spec {
    const dir = path.dirname(require.resolve("@aws-cdk/aws-service-spec/package.json"));
    const db = JSON.parse(gunzipSync(fs.readFileSync(path.join(dir, "db.json.gz"))).toString("utf8")).schema;
    return {
        resources: new Map(db.resource.entities.map((r: any) => [r.cloudFormationType, r])),
        types: new Map(db.typeDefinition.entities.map((t: any) => [t.$id, t])),
        version: JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version,
    };
}

/** A CloudFormation property's allowed values (`AWS::Logs::LogGroup` + `RetentionInDays`). */
function allowedValues(spec: Spec, cfnType: string, propertyPath: string): Array<string | number> | undefined {
    let properties = spec.resources.get(cfnType)?.properties;
    if (!properties) throw new Error(`no CloudFormation type ${cfnType} in @aws-cdk/aws-service-spec ${spec.version}`);
    let type: SpecType | undefined;
    const names = propertyPath.split(".");
    names.forEach((name, i) => {
        const key = Object.keys(properties ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
        if (!key) throw new Error(`${cfnType}: no property ${name} (in ${propertyPath})`);
        type = properties![key].type;
        while (type && (type.type === "array" || type.type === "map") && type.element) type = type.element;
        if (i < names.length - 1) properties = type?.reference ? spec.types.get(type.reference.$ref)?.properties : undefined;
    });
    return type?.allowedValues;
}

/** Java's POSIX character classes, which JavaScript lacks (ASCII, as Java defines them). */
const POSIX: Record<string, string> = {
    Print: "\\x20-\\x7E",
    Graph: "\\x21-\\x7E",
    Alnum: "a-zA-Z0-9",
    Alpha: "a-zA-Z",
    Digit: "0-9",
    Punct: "!-\\/:-@\\[-`{-~",
    Space: " \\t\\n\\x0B\\f\\r",
    ASCII: "\\x00-\\x7F",
};

/** Whether a pattern has a `|` outside every group and character class. */
function hasTopLevelAlternation(p: string): boolean {
    let depth = 0;
    let inClass = false;
    for (let i = 0; i < p.length; i++) {
        const c = p[i];
        if (c === "\\") i++;
        else if (inClass) inClass = c !== "]";
        else if (c === "[") inClass = true;
        else if (c === "(") depth++;
        else if (c === ")") depth--;
        else if (c === "|" && depth === 0) return true;
    }
    return false;
}

/**
 * A model's Java-style pattern as a JavaScript one (and the flags it compiles with), anchored as AWS
 * applies it to the whole value, as tflint does. Unicode mode where the pattern allows it (\p{L}),
 * plain mode where it escapes characters Unicode mode refuses (\_).
 */
export function jsPattern(pattern: string): { pattern: string; flags: string } | undefined {
    let p = pattern
        .replace(/^\(\?[is]+\)/, "")
        .replace(/\\A/g, "^")
        .replace(/\\[zZ]/g, "$");
    p = p.replace(/\\p\{(\w+)\}/g, (whole, name: string) => (POSIX[name] ? `[${POSIX[name]}]` : whole));
    // `a|b` anchored as `^a|b$` would accept anything that starts with a or ends with b.
    if (hasTopLevelAlternation(p)) p = `(?:${p})`;
    if (!p.startsWith("^")) p = `^${p}`;
    if (!p.endsWith("$") || p.endsWith("\\$")) p = `${p}$`;
    for (const flags of ["u", ""]) {
        try {
            new RegExp(p, flags);
            return { pattern: p, flags };
        } catch {
            // try the next mode
        }
    }
    return undefined;
}

function main() {
    const mapping: Mapping = JSON.parse(fs.readFileSync(MAPPING, "utf8"));
    const spec = loadSpec();
    const constraints: Constraint[] = [];
    const skipped: string[] = [];
    for (const [type, resource] of Object.entries(mapping.resources).sort(([a], [b]) => a.localeCompare(b))) {
        for (const [property, m] of Object.entries(resource.properties).sort(([a], [b]) => a.localeCompare(b))) {
            if (m.none) continue;
            const api = m.api ? resolveApi(resource.api, m.api) : undefined;
            const cfnValues = m.cfn ? allowedValues(spec, resource.cfn!, m.cfn) : undefined;
            const shape = api?.shape;
            const kind: Constraint["kind"] =
                shape && ["integer", "long", "double", "float"].includes(shape.type)
                    ? "number"
                    : typeof cfnValues?.[0] === "number"
                      ? "number"
                      : "string";
            const c: Constraint = {
                type,
                path: property,
                kind,
                origin: [
                    api ? `${api.service}/${api.operation} ${api.shapeName}` : undefined,
                    cfnValues ? `CloudFormation ${resource.cfn}.${m.cfn}` : undefined,
                ]
                    .filter(Boolean)
                    .join("; "),
                source: [
                    api ? `botocore ${api.model.file.replace(/^.*\/botocore\/data\//, "data/")}` : undefined,
                    cfnValues ? `@aws-cdk/aws-service-spec ${spec.version} db.json.gz` : undefined,
                ]
                    .filter(Boolean)
                    .join("; "),
            };
            if (shape && (shape.type === "string" || kind === "number")) {
                if (!m.staleRange) {
                    if (shape.min !== undefined && (kind === "number" || shape.min > 0)) c.min = shape.min;
                    if (shape.max !== undefined) c.max = shape.max;
                }
                if (shape.pattern) {
                    const p = jsPattern(shape.pattern);
                    if (p) {
                        c.pattern = p.pattern;
                        c.flags = p.flags;
                    } else skipped.push(`${type} ${property}: pattern ${shape.pattern} has no JavaScript equivalent`);
                }
            }
            // CloudFormation's enumerations are current; botocore's are as old as its package.
            const values = cfnValues ?? (m.staleEnum ? undefined : shape?.enum);
            if (values) c.enum = [...values].sort((a, b) => String(a).localeCompare(String(b), undefined, { numeric: true }));
            if (c.min !== undefined || c.max !== undefined || c.pattern || c.enum) constraints.push(c);
        }
    }
    const versions = (fs.readFileSync(path.join(BOTOCORE, "..", "__init__.py"), "utf8").match(/__version__ = '([^']+)'/) ?? [])[1];
    fs.writeFileSync(
        TABLE,
        JSON.stringify({ generatedFrom: { botocore: versions, awsServiceSpec: spec.version }, constraints }, null, 2) + "\n",
    );
    console.log(
        `${constraints.length} constraints from ${Object.keys(mapping.resources).length} resource types -> ${path.relative(ROOT, TABLE)}`,
    );
    for (const s of skipped) console.log(`  skipped: ${s}`);
}

if (require.main === module) main();
