import { resourceControl } from "../lib/control";
import { statefulTypes } from "../lib/stateful";

export const statefulProtect = resourceControl({
    name: "careplane-stateful-protect",
    description:
        "In prod every stateful resource (database, cache, bucket, vault, key, secret) is `protect`ed, so Pulumi refuses to delete or replace it.",
    hipaa: ["164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.310(d)(2)(iv)"],
    severity: "critical",
    enforcementLevel: "mandatory",
    cdkNag: [],
    types: statefulTypes,
    check: (_props, subject) =>
        subject.environment !== "prod" || subject.protect
            ? undefined
            : { problem: "it is not protected in Pulumi", expected: "the resource option protect: true in prod (ctx.stateful)" },
});
