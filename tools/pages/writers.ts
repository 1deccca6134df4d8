import * as fs from "fs";
import * as path from "path";
import type { ArtifactWriter, StackResult, SummaryWriter } from "../engine/result";
import { architectureOf } from "./architecture";
import { diffForStack } from "./diff-section";
import { renderSvg, toDot } from "./dot";
import { indexPage } from "./index-page";
import { stackPage } from "./stack-page";

type Drawing = { dot: string; svg: string } | { dot: string; error: string };
const drawings = new WeakMap<StackResult, Drawing>();

/** The picture of a stack, laid out once per result (the SVG file and the page share it). */
function draw(result: StackResult): Drawing {
    let drawing = drawings.get(result);
    if (!drawing) {
        const dot = toDot(architectureOf(result.plan));
        try {
            drawing = { dot, svg: renderSvg(dot) };
        } catch (e) {
            drawing = { dot, error: (e as Error).message };
        }
        drawings.set(result, drawing);
    }
    return drawing;
}

/** out/<stack>/architecture.svg (and the DOT text it was laid out from). */
export const writeArchitecture: ArtifactWriter = (result, dir) => {
    const drawing = draw(result);
    const dotFile = path.join(dir, "architecture.dot");
    const svgFile = path.join(dir, "architecture.svg");
    fs.writeFileSync(dotFile, drawing.dot);
    if ("error" in drawing) {
        fs.rmSync(svgFile, { force: true });
        console.warn(`   ! ${result.plan.stack}: no architecture picture: ${drawing.error}`);
        return [dotFile];
    }
    fs.writeFileSync(svgFile, drawing.svg);
    return [dotFile, svgFile];
};

/** out/<stack>/index.html: one self-contained page. */
export const writeStackPage: ArtifactWriter = (result, dir) => {
    const drawing = draw(result);
    const diffFile = path.join(path.dirname(dir), "diff.md");
    const file = path.join(dir, "index.html");
    fs.writeFileSync(
        file,
        stackPage({
            result,
            svg: "error" in drawing ? { error: drawing.error } : inlineSvg(drawing.svg),
            diff: fs.existsSync(diffFile) ? diffForStack(fs.readFileSync(diffFile, "utf8"), result.plan.stack) : undefined,
        }),
    );
    return [file];
};

/** out/index.html: every stack page in the output folder. */
export const writeIndexPage: SummaryWriter = (results, outDir) => {
    const file = path.join(outDir, "index.html");
    fs.writeFileSync(file, indexPage(outDir, results));
    return [file];
};

/** Graphviz writes a standalone document; inside HTML only the <svg> element belongs. */
function inlineSvg(svg: string): string {
    return svg.slice(svg.indexOf("<svg")).replace(/<!--[\s\S]*?-->/g, "");
}
