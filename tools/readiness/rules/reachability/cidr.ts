// IPv4 CIDR blocks as number ranges.

export interface Block {
    first: number;
    last: number;
}

export function block(cidr: string): Block | undefined {
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr.trim());
    if (!m) return undefined;
    const [a, b, c, d, bits] = m.slice(1).map(Number);
    if ([a, b, c, d].some((o) => o > 255) || bits > 32) return undefined;
    const base = ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;
    const size = 2 ** (32 - bits);
    const first = Math.floor(base / size) * size;
    return { first, last: first + size - 1 };
}

/** Whether `outer` holds every address of `inner`. */
export function covers(outer: string, inner: string): boolean {
    const o = block(outer);
    const i = block(inner);
    return !!o && !!i && o.first <= i.first && i.last <= o.last;
}
