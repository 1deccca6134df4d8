import { patch, specControl } from "../../support/controls";
import { vault } from "../baselines/storage";

specControl("careplane-backup-vault-encrypted", {
    passes: [{ it: "a vault under the backups key", fixtures: [vault] }],
    fails: [
        {
            it: "a vault under the AWS-managed key",
            fixtures: patch([vault], "vault", { kmsKeyArn: undefined }),
            message: "vault (aws:backup/vault:Vault): recovery points are encrypted with the AWS-managed key",
        },
    ],
});
