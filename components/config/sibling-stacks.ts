import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** What a stack file beside this one says about where it deploys. */
export interface SiblingStack {
    file: string;
    environment: string;
    region: string;
    accountId: string;
    singletons: boolean;
}

const STACK_FILE = /^Pulumi\.[^.]+\.yaml$/;

/**
 * The other stack files of the folder holding `file` (Pulumi.<stack>.yaml), as far as they name
 * an account: the program reads them to refuse a non-prod stack in prod's account and a second
 * owner of an account's singletons. A sibling that does not parse is skipped: its own preview
 * reports it.
 */
export function siblingStacks(file: string): SiblingStack[] {
    const dir = path.dirname(file);
    // Config that was not read from a stack file has no folder, so no siblings.
    if (!STACK_FILE.test(path.basename(file)) || !fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((f) => STACK_FILE.test(f) && f !== path.basename(file))
        .flatMap((f) => {
            const sibling = path.join(dir, f);
            try {
                const config = (parse(fs.readFileSync(sibling, "utf8")) as { config?: Record<string, any> } | null)?.config ?? {};
                const account = config["careplane:account"];
                if (typeof account?.id !== "string") return [];
                return [
                    {
                        file: sibling,
                        environment: String(config["careplane:environment"]),
                        region: String(config["aws:region"]),
                        accountId: account.id,
                        singletons: account.singletons === true,
                    },
                ];
            } catch {
                return [];
            }
        });
}
