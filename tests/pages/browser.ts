// Debian's chromium, driven by playwright-core: a page is checked the way a reviewer opens it.
import { spawnSync } from "child_process";
import * as fs from "fs";
import { pathToFileURL } from "url";
import { Browser, chromium, Page } from "playwright-core";
import { DOT } from "../../tools/pages/dot";

export const CHROMIUM = "/usr/bin/chromium";

const ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/** Fails (never skips) when a tool the pages need is missing, naming the installer. */
export function requireTools(): void {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/install-tools (Debian package chromium)`);
    const dot = spawnSync(DOT, ["-V"], { encoding: "utf8" });
    if (dot.error || dot.status !== 0) throw new Error(`Graphviz ${DOT} is missing: run .ci/install-tools (Debian package graphviz)`);
}

export function launch(): Promise<Browser> {
    return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface OpenedPage {
    page: Page;
    url: string;
    consoleErrors: string[];
    /** Every URL the page asked for, the page itself included. */
    requests: string[];
}

/** Opens a file in a fresh page, recording console errors, uncaught exceptions and requests. */
export async function open(browser: Browser, file: string): Promise<OpenedPage> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const consoleErrors: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    const url = pathToFileURL(file).href;
    await page.goto(url, { waitUntil: "load" });
    return { page, url, consoleErrors, requests };
}
