// Applies .github/settings.json to a repository through the GitHub API (`gh api`): the four
// environments, each deployable from main only (a custom deployment branch policy) and prod behind
// its reviewers with self-review prevented; main's protection with the required checks, code-owner
// reviews and no bypass for administrators; the repository variable the workflows read.
//   npm run github:settings -- --repo <owner/name> --org <pulumi-org> [--dry-run]
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";

export const SETTINGS_FILE = path.resolve(__dirname, "../../.github/settings.json");

export interface Settings {
    defaultBranch: string;
    variables: string[];
    environments: Record<
        string,
        {
            branches: string[];
            reviewers: Array<{ type: "Team" | "User"; slug: string }>;
            preventSelfReview: boolean;
            waitTimerMinutes: number;
        }
    >;
    branchProtection: {
        requiredChecks: string[];
        strictChecks: boolean;
        requiredApprovals: number;
        requireCodeOwnerReviews: boolean;
        dismissStaleReviews: boolean;
        requireLastPushApproval: boolean;
        enforceAdmins: boolean;
        linearHistory: boolean;
    };
}

export interface ApiCall {
    method: "GET" | "PUT" | "POST";
    endpoint: string;
    body?: unknown;
}

export const readSettings = (file = SETTINGS_FILE): Settings => JSON.parse(fs.readFileSync(file, "utf8"));

/** The API calls that apply the settings; reviewer ids come from `reviewerId` (a team's or user's numeric id). */
export function settingsCalls(
    s: Settings,
    repo: string,
    pulumiOrg: string,
    reviewerId: (r: { type: string; slug: string }) => number,
): ApiCall[] {
    const calls: ApiCall[] = [];
    for (const [name, env] of Object.entries(s.environments)) {
        calls.push({
            method: "PUT",
            endpoint: `repos/${repo}/environments/${name}`,
            body: {
                wait_timer: env.waitTimerMinutes,
                prevent_self_review: env.preventSelfReview,
                reviewers: env.reviewers.map((r) => ({ type: r.type, id: reviewerId(r) })),
                deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
            },
        });
        for (const branch of env.branches) {
            calls.push({
                method: "POST",
                endpoint: `repos/${repo}/environments/${name}/deployment-branch-policies`,
                body: { name: branch, type: "branch" },
            });
        }
    }
    const p = s.branchProtection;
    calls.push({
        method: "PUT",
        endpoint: `repos/${repo}/branches/${s.defaultBranch}/protection`,
        body: {
            required_status_checks: { strict: p.strictChecks, contexts: p.requiredChecks },
            enforce_admins: p.enforceAdmins,
            required_pull_request_reviews: {
                required_approving_review_count: p.requiredApprovals,
                require_code_owner_reviews: p.requireCodeOwnerReviews,
                dismiss_stale_reviews: p.dismissStaleReviews,
                require_last_push_approval: p.requireLastPushApproval,
            },
            restrictions: null,
            required_linear_history: p.linearHistory,
            allow_force_pushes: false,
            allow_deletions: false,
        },
    });
    for (const variable of s.variables) {
        calls.push({
            method: "POST",
            endpoint: `repos/${repo}/actions/variables`,
            body: { name: variable, value: variable === "PULUMI_ORGANIZATION" ? pulumiOrg : "" },
        });
    }
    return calls;
}

function gh(args: string[], input?: string): string {
    const run = spawnSync("gh", args, { input, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`gh ${args.join(" ")}: ${(run.stderr || run.error?.message || "").trim()}`);
    return run.stdout;
}

if (require.main === module) {
    const { values } = parseArgs({
        args: process.argv.slice(2),
        options: { repo: { type: "string" }, org: { type: "string" }, "dry-run": { type: "boolean", default: false } },
    });
    if (!values.repo || !values.org) {
        console.error("usage: npm run github:settings -- --repo <owner/name> --org <pulumi-org> [--dry-run]");
        process.exit(2);
    }
    const owner = values.repo.split("/")[0];
    const dry = values["dry-run"];
    const reviewerId = (r: { type: string; slug: string }) =>
        dry ? 0 : Number(gh(["api", r.type === "Team" ? `orgs/${owner}/teams/${r.slug}` : `users/${r.slug}`, "--jq", ".id"]).trim());
    for (const call of settingsCalls(readSettings(), values.repo, values.org, reviewerId)) {
        const args = ["api", "--method", call.method, call.endpoint, "--input", "-"];
        if (dry) console.log(`gh ${args.join(" ")} <<< '${JSON.stringify(call.body)}'`);
        else gh(args, JSON.stringify(call.body ?? {}));
    }
}
