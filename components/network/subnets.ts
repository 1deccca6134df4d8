import { ipToInt } from "../config/schema/network";

export const subnetTiers = ["public", "app", "data"] as const;
export type SubnetTier = (typeof subnetTiers)[number];

function intToIp(n: number): string {
    return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/**
 * Carves the VPC block into sixteen equal subnets (four more prefix bits) and gives each tier a
 * run of four: public 0-3, app 4-7, data 8-11, one per AZ, leaving 12-15 for growth.
 */
export function subnetCidr(vpcCidr: string, tier: SubnetTier, azIndex: number): string {
    const [base, prefix] = vpcCidr.split("/");
    const subnetPrefix = Number(prefix) + 4;
    const slot = subnetTiers.indexOf(tier) * 4 + azIndex;
    return `${intToIp(ipToInt(base) + slot * 2 ** (32 - subnetPrefix))}/${subnetPrefix}`;
}
