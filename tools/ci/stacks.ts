// What the workflows need to know about each stack before any credential exists, from the stack
// files alone: region, account, fully qualified stack name, the in-VPC runner's project, the CI
// roles, the evidence bucket. `npm run --silent ci:stacks -- --org <pulumi-org>` prints one JSON
// object keyed by stack; a missing organization fails loudly (exit 2) instead of skipping a job.
import { parseArgs } from "util";
import { EVIDENCE_RETENTION_DAYS, evidenceBucketName } from "../../bootstrap/evidence";
import { ConfigError, parseStackConfig } from "../../components/config/stack-config";
import { runnerProjectName } from "../../components/deployer/ci-runner";
import { ciRoleNames } from "../../components/security/ci-trust-policies";
import { findStackFiles, readStackFile, StackFileError } from "../engine/stack-files";

export const PULUMI_PROJECT = "careplane";

export interface CiStack {
    region: string;
    account: string;
    /** `<org>/careplane/<stack>`: never the token's default organization. */
    qualified: string;
    /** The CodeBuild project whose runner `runs-on: codebuild-<project>-<run id>-<attempt>` names. */
    runnerProject: string;
    runner: string;
    roles: { deploy: string; preview: string; drift: string };
    evidenceBucket: string;
    evidenceRetentionDays: number;
}

export function ciStacks(dir: string, org: string): Record<string, CiStack> {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(org))
        throw new StackFileError(`--org ${JSON.stringify(org)}: expected the Pulumi organization, such as example-health`);
    return Object.fromEntries(
        findStackFiles(dir).map((stack) => {
            const file = readStackFile(dir, stack);
            const config = parseStackConfig(file.config, file.file);
            const account = config.account.id;
            const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;
            const names = ciRoleNames(config.app, config.environment);
            return [
                stack,
                {
                    region: config.region,
                    account,
                    qualified: `${org}/${PULUMI_PROJECT}/${stack}`,
                    runnerProject: runnerProjectName({ name: (s: string) => `${config.app}-${config.environment}-${s}` }),
                    runner: config.deployer.runner,
                    roles: { deploy: role(names.deploy), preview: role(names.preview), drift: role(names.drift) },
                    evidenceBucket: evidenceBucketName(config.app, account, config.region),
                    evidenceRetentionDays: EVIDENCE_RETENTION_DAYS,
                },
            ];
        }),
    );
}

if (require.main === module) {
    try {
        const { values } = parseArgs({
            args: process.argv.slice(2),
            options: { org: { type: "string" }, dir: { type: "string", default: "." } },
        });
        if (!values.org)
            throw new StackFileError(
                "the Pulumi organization is missing: set the repository variable PULUMI_ORGANIZATION (docs/cicd.md, Setting it up)",
            );
        console.log(JSON.stringify(ciStacks(values.dir!, values.org)));
    } catch (err) {
        if (!(err instanceof StackFileError || err instanceof ConfigError)) throw err;
        console.error(err.message);
        process.exit(2);
    }
}
