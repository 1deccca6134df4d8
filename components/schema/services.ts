import { z } from "zod";
import { Environment, EnvironmentProfile, serviceTiers } from "../profiles";
import { databaseRoleSecretNames, standardSecretNames } from "./secrets";

const cpu = z.string({ error: "expected a CPU quantity such as 250m" }).regex(/^([1-9]\d*m|\d+(\.\d+)?)$/, {
    error: "expected a CPU quantity such as 250m or 1",
});
const memory = z.string({ error: "expected a memory quantity such as 512Mi" }).regex(/^[1-9]\d*(Mi|Gi)$/, {
    error: "expected a memory quantity such as 512Mi or 1Gi",
});

/** Requests and limits of every container unless its service says otherwise [000, 003]. */
export const defaultResources = { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "500m", memory: "1Gi" } };

function serviceSchema(profile: EnvironmentProfile, env: Environment) {
    return z
        .strictObject(
            {
                tier: z.enum(serviceTiers, { error: `expected one of ${serviceTiers.join(", ")}` }),
                image: z
                    .string({ error: "expected an image repository such as caresync/api (the tag goes in tag)" })
                    .regex(/^[a-z0-9]+([._\/-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/, {
                        error: "expected an image repository such as caresync/api (the tag goes in tag)",
                    }),
                tag: z
                    .string({ error: "expected an image tag such as 1.4.2" })
                    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, { error: "expected an image tag such as 1.4.2" })
                    .refine((t) => t !== "latest", { error: "a moving tag cannot be audited or rolled back; pin a version such as 1.4.2" }),
                port: z
                    .number({ error: "expected a port from 1024 to 65535" })
                    .int({ error: "expected a port from 1024 to 65535" })
                    .min(1024, { error: "containers run as non-root and cannot bind below 1024; use a port from 1024 to 65535" })
                    .max(65535, { error: "expected a port from 1024 to 65535" })
                    .default(3000),
                /** Path the ingress routes to this service; workers are never routed to. */
                path: z
                    .string({ error: "expected an ingress path such as /api" })
                    .regex(/^\/[a-z0-9/_-]*$/, { error: "expected an ingress path such as /api" })
                    .optional(),
                /** Names of the service's own secrets, stored as `<app>/<env>/<name>`; it can read these and no others. */
                secrets: z
                    .array(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "expected secret names such as database or jwt" }), {
                        error: "expected a list of secret names such as [database, jwt]",
                    })
                    .default([]),
                /** Non-secret settings, mounted through the service's ConfigMap. */
                config: z
                    .record(z.string(), z.string({ error: "expected string values" }), { error: "expected a mapping of settings" })
                    .default({}),
                resources: z
                    .strictObject(
                        {
                            requests: z.strictObject({ cpu, memory }).default(defaultResources.requests),
                            limits: z.strictObject({ cpu, memory }).default(defaultResources.limits),
                        },
                        { error: "expected requests and limits" },
                    )
                    .prefault({}),
                replicas: z
                    .strictObject(
                        {
                            min: z.number({ error: "expected an integer" }).int({ error: "expected an integer" }),
                            max: z.number({ error: "expected an integer" }).int({ error: "expected an integer" }),
                        },
                        { error: "expected a mapping with min and max" },
                    )
                    .refine((r) => r.max >= r.min, { error: "expected max at least min" })
                    .optional(),
            },
            { error: "expected a mapping of service settings" },
        )
        .superRefine((s, ctx) => {
            const floor = profile.replicas[s.tier].min;
            if (s.replicas && s.replicas.min < floor) {
                ctx.addIssue({
                    code: "custom",
                    path: ["replicas", "min"],
                    message: `${env} runs every ${s.tier} service with at least ${floor} replicas; use ${floor} or more`,
                });
            }
        })
        .transform((s) => ({
            ...s,
            replicas: s.replicas ?? profile.replicas[s.tier],
        }));
}

export function servicesSchema(profile: EnvironmentProfile, env: Environment) {
    return z
        .record(
            z.string().regex(/^[a-z][a-z0-9-]{1,30}$/, { error: "expected service names of lowercase letters, digits and dashes" }),
            serviceSchema(profile, env),
            { error: "expected a mapping of service name to settings" },
        )
        .default({});
}

export type ServicesConfig = z.output<ReturnType<typeof servicesSchema>>;
export type ServiceConfig = ServicesConfig[string];

/**
 * A service may list only secrets the stack stores: the standard entries, the database's role
 * entries and `careplane:secrets.names`; anything else would be a role granted on nothing.
 */
export function servicesUseStoredSecrets(cfg: { services: ServicesConfig; secrets: { names: string[] } }, ctx: z.RefinementCtx) {
    const stored: string[] = [...standardSecretNames, ...databaseRoleSecretNames, ...cfg.secrets.names];
    for (const [name, svc] of Object.entries(cfg.services)) {
        svc.secrets.forEach((secret, i) => {
            if (stored.includes(secret)) return;
            ctx.addIssue({
                code: "custom",
                path: ["services", name, "secrets", i],
                message: `the stack stores only ${stored.join(", ")}; add ${secret} to careplane:secrets.names or remove it`,
            });
        });
    }
}
