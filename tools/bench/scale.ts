import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";

/**
 * Writes a stack file like prod with `services` generated api services (each with its
 * Deployment, Service, HPA, PDB, role, secrets access and alerts), and returns its stack name.
 */
export function writeScaleStack(root: string, dir: string, services: number): string {
    const prod = parse(fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8"));
    prod.config["careplane:services"] = Object.fromEntries(
        Array.from({ length: services }, (_, i) => [
            `svc-${i + 1}`,
            { tier: "api", image: `caresync/svc-${i + 1}`, tag: "1.0.0", path: `/svc-${i + 1}`, secrets: ["database"] },
        ]),
    );
    const stack = `scale${services}`;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), stringify(prod));
    return stack;
}
