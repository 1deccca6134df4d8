import { z } from "zod";

export const runners = ["vpc", "github-hosted"] as const;
export type Runner = (typeof runners)[number];

/**
 * `careplane:deployer`: where the CI jobs that reach the cluster and the database run (deploy,
 * drift, the credentialed preview), and the GitHub repository whose workflows deploy the stack.
 * `vpc` (the default) is a CodeBuild-hosted GitHub Actions runner in the stack's own private app
 * subnets, which the program creates; `github-hosted` runs them on GitHub's runners, which reach
 * only public endpoints (docs/cicd.md, "Where CI runs").
 */
export function deployerSchema() {
    return z.strictObject(
        {
            runner: z.enum(runners, { error: `expected one of ${runners.join(", ")}` }).default("vpc"),
            repository: z
                .string({ error: "expected the GitHub repository that deploys the stack, as owner/name, such as example-health/careplane" })
                .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/, {
                    error: "expected the GitHub repository that deploys the stack, as owner/name, such as example-health/careplane",
                }),
        },
        { error: "expected a mapping of deployer settings (runner, repository)" },
    );
}

export type DeployerConfig = z.output<ReturnType<typeof deployerSchema>>;

interface Reachability {
    deployer: DeployerConfig;
    compute: { platform: string; publicEndpointCidrs: string[] };
}

/**
 * GitHub-hosted runners reach only public endpoints: the Kubernetes API must have a public
 * allow-list (dev only) or the stack runs ECS, and the postgresql provider, which creates the
 * PostgreSQL roles in every stack (data/database-roles.ts), always needs the private database. So
 * no stack deploys from GitHub-hosted runners: anything else times out on `up`, preview, drift and
 * destroy [issue 18, items 1 and 10].
 */
export function githubHostedReachesEverything(config: Reachability, ctx: z.RefinementCtx): void {
    if (config.deployer.runner !== "github-hosted") return;
    const privateApi = config.compute.platform === "eks" && config.compute.publicEndpointCidrs.length === 0;
    ctx.addIssue({
        code: "custom",
        path: ["deployer", "runner"],
        message: `GitHub-hosted runners cannot reach ${privateApi ? "the private EKS endpoint" : "the private database (the PostgreSQL roles every stack creates)"}; use "vpc"`,
    });
}
