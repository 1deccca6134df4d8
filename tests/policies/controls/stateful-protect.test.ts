import { amend, aws, res, specControl } from "../../support/controls";
import { guarded, RDS } from "../baselines/storage";

specControl("careplane-stateful-protect", {
    passes: [
        { it: "every stateful resource protected in prod", fixtures: guarded },
        { it: "nothing protected in dev", fixtures: [aws(RDS, "db", {}, {}, "dev")], environment: "dev" },
    ],
    fails: [
        {
            it: "an unprotected prod database",
            fixtures: amend(guarded, "db", { protect: false }),
            message: "db (aws:rds/instance:Instance): it is not protected in Pulumi",
        },
        {
            it: "an unprotected prod bucket",
            fixtures: amend(guarded, "documents", { protect: false }),
            message: "documents (aws:s3/bucket:Bucket): it is not protected",
        },
        {
            it: "an unprotected prod key",
            fixtures: amend(guarded, "data-key", { protect: false }),
            message: "data-key (aws:kms/key:Key): it is not protected",
        },
        {
            it: "a resource without an Environment tag, held to prod's floor",
            fixtures: [res("aws:secretsmanager/secret:Secret", "untagged", {})],
            message: "untagged (aws:secretsmanager/secret:Secret): it is not protected",
        },
        ...["aurora", "archive", "sessions", "shared"].map((name) => ({
            it: `an unprotected prod ${guarded.find((f) => f.name === name)!.type}`,
            fixtures: amend(guarded, name, { protect: false }),
            message: `${name} (${guarded.find((f) => f.name === name)!.type}): it is not protected`,
        })),
    ],
});
