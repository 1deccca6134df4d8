import { patch, specControl } from "../../support/controls";
import { secret } from "../baselines/audit";

specControl("careplane-secretsmanager-cmk", {
    passes: [{ it: "a secret under the secrets key", fixtures: [secret] }],
    fails: [
        {
            it: "no key",
            fixtures: patch([secret], "jwt", { kmsKeyId: undefined }),
            message: "jwt (aws:secretsmanager/secret:Secret): it uses the AWS-managed key (no kmsKeyId)",
        },
        {
            it: "the AWS-managed alias",
            fixtures: patch([secret], "jwt", { kmsKeyId: "alias/aws/secretsmanager" }),
            message: "it uses the AWS-managed key alias/aws/secretsmanager",
        },
    ],
});
