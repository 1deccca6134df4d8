// The repository's import graph (relative imports only: packages cannot import us back), and its cycles.
import * as fs from "fs";
import * as path from "path";

const IMPORT =
    /(?:^|[\s;])(?:import|export)\s*(?:type\s+)?(?:[\w*{}\s,]+from\s*)?["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** Each file's relative imports, resolved to files (`.ts` or a folder's `index.ts`). */
export function importGraph(files: string[]): Map<string, string[]> {
    const graph = new Map<string, string[]>();
    for (const file of files) {
        const source = fs.readFileSync(file, "utf8");
        const targets = new Set<string>();
        for (const m of source.matchAll(IMPORT)) {
            const spec = path.resolve(path.dirname(file), m[1] ?? m[2]);
            const resolved = [spec, `${spec}.ts`, path.join(spec, "index.ts")].find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
            if (resolved) targets.add(resolved);
        }
        graph.set(file, [...targets]);
    }
    return graph;
}

/** Every strongly connected set of more than one file (or a file importing itself): Tarjan's algorithm. */
export function importCycles(graph: Map<string, string[]>): string[][] {
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!index.has(w)) {
                visit(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        }
        if (low.get(v) === index.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(w);
            } while (w !== v);
            if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
        }
    };
    for (const v of graph.keys()) if (!index.has(v)) visit(v);
    return cycles;
}
