import { z } from "zod";

/** Transition to EFS Infrequent Access after this long unread (the provider's AFTER_<n>_DAYS values). */
const iaDays = [1, 7, 14, 30, 60, 90, 180, 270, 365] as const;

/** Shared file storage on EFS [001: general purpose, 100 GB, in the private subnets]; off unless a stack asks. */
export function filesSchema() {
    return z.strictObject(
        {
            enabled: z.boolean({ error: "expected true or false" }).default(false),
            /** One access point per name, each its own directory owned by the non-root app user. */
            accessPoints: z
                .array(
                    z
                        .string({ error: "expected lowercase names such as uploads" })
                        .regex(/^[a-z][a-z0-9-]{1,30}$/, { error: "expected lowercase names such as uploads" }),
                    { error: "expected a list of access point names such as [uploads]" },
                )
                .min(1, { error: "expected at least one access point name such as uploads" })
                .refine((names) => new Set(names).size === names.length, { error: "expected each name once" })
                .default(["files"]),
            transitionToIaDays: z
                .union(
                    iaDays.map((d) => z.literal(d)),
                    { error: `expected one of ${iaDays.join(", ")} (days)` },
                )
                .default(30),
        },
        { error: "expected a mapping of file-storage settings (enabled, accessPoints, transitionToIaDays)" },
    );
}

export type FilesConfig = z.output<ReturnType<typeof filesSchema>>;
