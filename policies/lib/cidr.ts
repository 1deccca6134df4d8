// CIDR ranges as integer intervals, to tell when a set of ranges adds up to the whole internet
// (`0.0.0.0/1` + `128.0.0.0/1` is `0.0.0.0/0`; `::/1` + `8000::/1` is `::/0`).

type Family = 4 | 6;
interface Range {
    family: Family;
    first: bigint;
    last: bigint;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

function ipv4(text: string): bigint | undefined {
    const parts = text.split(".");
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
    return parts.reduce((n, p) => (n << 8n) | BigInt(p), 0n);
}

function ipv6(text: string): bigint | undefined {
    const halves = text.split("::");
    if (halves.length > 2) return undefined;
    const groups = (h: string) => (h === "" ? [] : h.split(":"));
    const head = groups(halves[0]);
    const tail = halves.length === 2 ? groups(halves[1]) : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
    const all = [...head, ...Array(missing).fill("0"), ...tail];
    if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** A CIDR block as the interval of addresses it covers; undefined when it is not one. */
export function parseCidr(cidr: string): Range | undefined {
    const [address, prefixText] = cidr.split("/");
    const family: Family = address.includes(":") ? 6 : 4;
    const value = family === 4 ? ipv4(address) : ipv6(address);
    const bits = BITS[family];
    const prefix = prefixText === undefined ? bits : Number(prefixText);
    if (value === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) return undefined;
    const size = 1n << BigInt(bits - prefix);
    const first = (value / size) * size;
    return { family, first, last: first + size - 1n };
}

/** Whether the ranges of one family together cover every address of it. */
function coversFamily(ranges: Range[], family: Family): boolean {
    const sorted = ranges.filter((r) => r.family === family).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    let next = 0n;
    for (const r of sorted) {
        if (r.first > next) return false;
        if (r.last + 1n > next) next = r.last + 1n;
    }
    return next === 1n << BigInt(BITS[family]);
}

/** The families (`0.0.0.0/0`, `::/0`) whose every address the CIDR blocks together reach. */
export function wholeInternet(cidrs: string[]): string[] {
    const ranges = cidrs.map(parseCidr).filter((r): r is Range => r !== undefined);
    return [...(coversFamily(ranges, 4) ? ["0.0.0.0/0"] : []), ...(coversFamily(ranges, 6) ? ["::/0"] : [])];
}

/**
 * The addresses a network ACL's rules allow, evaluated as AWS does: in rule-number order, the
 * first rule matching an address decides (allow or deny). Returns the families whose every
 * address ends up allowed.
 */
export function allowedWholeInternet(rules: Array<{ allow: boolean; cidr: string }>): string[] {
    const decided: Range[] = [];
    const allowed: Range[] = [];
    for (const rule of rules) {
        const range = parseCidr(rule.cidr);
        if (!range) continue;
        if (rule.allow) allowed.push(...subtract(range, decided));
        decided.push(range);
    }
    return [...(coversFamily(allowed, 4) ? ["0.0.0.0/0"] : []), ...(coversFamily(allowed, 6) ? ["::/0"] : [])];
}

/** The parts of a range no range of `taken` (of its family) covers. */
function subtract(range: Range, taken: Range[]): Range[] {
    let parts = [range];
    for (const t of taken.filter((t) => t.family === range.family)) {
        parts = parts.flatMap((p) => {
            if (t.last < p.first || t.first > p.last) return [p];
            const left = t.first > p.first ? [{ ...p, last: t.first - 1n }] : [];
            const right = t.last < p.last ? [{ ...p, first: t.last + 1n }] : [];
            return [...left, ...right];
        });
    }
    return parts;
}
