// @pulumi/policy's analyzer deserializes a resource's properties once per policy that looks at it:
// for this pack up to 56 times per resource in Analyze and 23 times (once per stack policy) in
// AnalyzeStack. The result depends only on the protobuf Struct it reads, so the pack deserializes
// each Struct once and gives every policy the same frozen object; a policy that tried to change
// it would fail loudly instead of changing what the next policy sees.
type Deserialize = (struct: object, proxySecrets: boolean) => Record<string, unknown>;

/** Installs sharedDeserializer in the analyzer (its server calls the module's export on every use). */
export function shareDeserializedProperties(): void {
    const deserializeModule = require("@pulumi/policy/deserialize");
    deserializeModule.deserializeProperties = sharedDeserializer(deserializeModule.deserializeProperties);
}

/** Deserializes each Struct once; with proxySecrets (remediation, which may change the result) every call gets its own. */
export function sharedDeserializer(deserialize: Deserialize): Deserialize {
    const seen = new WeakMap<object, Record<string, unknown>>();
    return (struct, proxySecrets) => {
        if (proxySecrets) return deserialize(struct, proxySecrets);
        let props = seen.get(struct);
        if (!props) seen.set(struct, (props = deepFreeze(deserialize(struct, false))));
        return props;
    };
}

/** Freezes plain objects and arrays all the way down (assets and other class instances are left as they are). */
function deepFreeze<T>(value: T): T {
    if (Array.isArray(value) || (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype)) {
        for (const v of Object.values(value as object)) deepFreeze(v);
        Object.freeze(value);
    }
    return value;
}
