import { z } from "zod";
import { Environment, EnvironmentProfile } from "../profiles";
import { atLeastProfile, retentionDays } from "./refinements";

const privateRanges: Array<[number, number]> = [
    [ipToInt("10.0.0.0"), 8],
    [ipToInt("172.16.0.0"), 12],
    [ipToInt("192.168.0.0"), 16],
];

export function ipToInt(ip: string): number {
    return ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function isPrivateCidr(cidr: string): boolean {
    const [ip, prefix] = cidr.split("/");
    const address = ipToInt(ip);
    return privateRanges.some(([base, bits]) => {
        const size = 2 ** (32 - bits);
        return Number(prefix) >= bits && address >= base && address < base + size;
    });
}

export function networkSchema(profile: EnvironmentProfile, env: Environment) {
    return z.strictObject(
        {
            cidr: z
                .cidrv4({ error: "expected an IPv4 CIDR block such as 10.0.0.0/16" })
                .refine((c) => isPrivateCidr(c), { error: "expected a private (RFC 1918) range: 10/8, 172.16/12 or 192.168/16" })
                .refine((c) => Number(c.split("/")[1]) >= 16 && Number(c.split("/")[1]) <= 20, {
                    error: "expected a prefix from /16 to /20 (three subnet tiers per AZ are carved from it)",
                })
                .refine((c) => (ipToInt(c.split("/")[0]) & (2 ** (32 - Number(c.split("/")[1])) - 1)) === 0, {
                    error: "expected the network address of the block (host bits zero)",
                })
                .default("10.0.0.0/16"),
            availabilityZones: z
                .number({ error: "expected an integer number of availability zones" })
                .int({ error: "expected an integer number of availability zones" })
                .min(profile.minAvailabilityZones, {
                    error: `${env} spans at least ${profile.minAvailabilityZones} availability zones; use ${profile.minAvailabilityZones === 3 ? "3" : `an integer from ${profile.minAvailabilityZones} to 3`}`,
                })
                .max(3, { error: `expected an integer from ${profile.minAvailabilityZones} to 3` })
                .default(env === "staging" || env === "prod" ? 3 : 2),
            natGateways: z
                .enum(["perAz", "single"], { error: `expected "perAz" or "single"` })
                .refine(
                    atLeastProfile(profile.natGateways === "perAz", (v) => v === "perAz"),
                    {
                        error: `${env} needs a NAT gateway per AZ; only "perAz" is allowed`,
                    },
                )
                .default(profile.natGateways),
            flowLogRetentionDays: retentionDays(profile.auditLogRetentionDays, env, "flow logs"),
            endpoints: z
                .strictObject({
                    s3: z.boolean({ error: "expected true or false" }).default(true),
                    secretsManager: z.boolean({ error: "expected true or false" }).default(true),
                    ecr: z.boolean({ error: "expected true or false" }).default(true),
                    logs: z.boolean({ error: "expected true or false" }).default(true),
                })
                .prefault({}),
        },
        { error: "expected a mapping of network settings" },
    );
}

export type NetworkConfig = z.output<ReturnType<typeof networkSchema>>;
