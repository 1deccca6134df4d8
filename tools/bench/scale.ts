import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";

/**
 * Previewed before each generated stack, so the generated stack's figures leave out what only the
 * first stack of a run pays (loading the provider modules and components it uses).
 */
export const WARM_UP_STACK = "warmup";

/**
 * Writes a stack file like prod with `services` generated api services (each with its
 * Deployment, Service, HPA, PDB, role, secrets access and alerts), and returns its stack name.
 */
export function writeScaleStack(root: string, dir: string, services: number): string {
    const prod = parse(fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8"));
    prod.config["careplane:services"] = Object.fromEntries(
        Array.from({ length: services }, (_, i) => [
            `svc-${i + 1}`,
            {
                tier: "api",
                image: `caresync/svc-${i + 1}`,
                tag: "1.0.0",
                digest: `sha256:${(i + 1).toString(16).padStart(64, "0")}`,
                path: `/svc-${i + 1}`,
                secrets: ["database"],
                // Three pods each, on a node group that holds them all (the config checks the capacity).
                replicas: { min: 3, max: 3 },
            },
        ]),
    );
    prod.config["careplane:compute"] = { ...prod.config["careplane:compute"], nodes: { instanceType: "m6i.2xlarge", maxCount: 100 } };
    // Each generated stack is a prod of its own, so it deploys into an account of its own.
    const account = String(100000000000 + services);
    prod.config["careplane:account"] = { ...prod.config["careplane:account"], id: account };
    prod.config["aws:allowedAccountIds"] = [account];
    const stack = `scale${services}`;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify(prod));
    fs.copyFileSync(path.join(root, "Pulumi.dev.yaml"), path.join(dir, `Pulumi.${WARM_UP_STACK}.yaml`));
    return stack;
}
