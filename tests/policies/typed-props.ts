// Type-level specs of the controls' property types, checked by `npm run typecheck` (tsc fails when
// an expected error below disappears, and when a read that must type-check does not): a control
// reads only properties its resource types have. Not a mocha spec: nothing here runs.
import { ControlMeta, isType, resourceControl, stackControl } from "../../policies/lib/control";
import { is, ofType } from "../../policies/lib/stack";

const meta: Omit<ControlMeta, "types"> = {
    name: "careplane-typing-example",
    description: "an example control the type checker reads",
    hipaa: ["164.312(a)(1)"],
    severity: "low",
    enforcementLevel: "advisory",
    cdkNag: [],
};
const RDS = "aws:rds/instance:Instance";

export const typingExamples = [
    resourceControl({
        ...meta,
        types: ["aws:ecs/taskDefinition:TaskDefinition"],
        check: (props) => {
            // @ts-expect-error a task definition has no multiAz
            void props.multiAz;
            // Every input may be missing in a preview: a required input is optional here.
            // @ts-expect-error containerDefinitions is possibly undefined
            void props.containerDefinitions.length;
            return props.family === undefined ? { problem: "no family", expected: "a family" } : undefined;
        },
    }),
    resourceControl({
        ...meta,
        types: [RDS, "aws:rds/cluster:Cluster"],
        check: (props, subject) => {
            // @ts-expect-error only an instance has replicateSourceDb, so the union of both types does not
            void props.replicateSourceDb;
            if (isType(subject, RDS, props)) void props.replicateSourceDb;
            return undefined;
        },
    }),
    resourceControl({
        ...meta,
        // @ts-expect-error a type the pack has no properties for cannot be declared
        types: ["aws:made/up:Thing"],
        check: () => undefined,
    }),
    stackControl({
        ...meta,
        types: ["aws:s3/bucket:Bucket"],
        check: (resources) => {
            // @ts-expect-error a resource's properties are unknown until its type is known
            void resources[0].props.bucket;
            for (const b of ofType(resources, "aws:s3/bucket:Bucket")) {
                void b.props.bucket;
                // @ts-expect-error a bucket has no multiAz
                void b.props.multiAz;
            }
            for (const r of resources) if (is(r, RDS)) void r.props.multiAz;
        },
    }),
];
