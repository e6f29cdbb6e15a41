// Page helpers for the UI tests: a real VS Code workbench (code-server) in Chromium, with the
// extension loaded from the repository and a copy of media/samples/ as the workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, type Run, createRun, launchBrowser, log, newPage, startCodeServer, waitForWorkbench } from '../integration/runner/harness';

export const SCREENSHOTS = path.join(REPO_ROOT, 'test', 'screenshots');

export interface Workbench { page: Page; workspace: string }

export interface WorkbenchOptions {
  /** Run name (folder prefix under .cache/vscode-offline/runs/). */
  name?: string;
  /** The extension folder to load; default the repository. Called with the run, so it may build a copy there. */
  extension?: (run: Run) => string;
  /** `--locale` of code-server, and a language pack folder to install for it. */
  locale?: string;
  languagePack?: string;
}

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  const run = createRun(opts.name ?? 'ui');
  const extension = opts.extension ? opts.extension(run) : REPO_ROOT;
  const server = await startCodeServer({ run, smokeTestDriver: true, locale: opts.locale, languagePack: opts.languagePack });
  const page = await newPage(await launchBrowser());
  // extensionDevelopmentPath loads the extension (the repository, or a copy) as F5 in VS Code would.
  await page.goto(server.workbenchUrl(run.workspace, { extensionDevelopmentPath: extension }));
  await waitForWorkbench(page);
  log('workbench ready');
  return { page, workspace: run.workspace };
}

/**
 * A copy of the extension as a web-only extension (what vscode.dev installs): the manifest loses
 * `main` and declares `"extensionKind": ["web"]`, and only the `browser` bundle is copied, so the
 * workbench can run it nowhere but in its web worker extension host, and no Node code is there.
 */
export function webOnlyCopy(run: Run): string {
  const dir = path.join(run.dir, 'web-extension');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  delete pkg.main;
  pkg.extensionKind = ['web'];
  const browserEntry = path.normalize(pkg.browser); // dist/web/extension.js
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  const copy = (rel: string) => fs.cpSync(path.join(REPO_ROOT, rel), path.join(dir, rel), { recursive: true });
  for (const f of fs.readdirSync(REPO_ROOT)) if (/^package\.nls(\.[\w-]+)?\.json$/.test(f)) copy(f);
  for (const rel of [path.dirname(browserEntry), pkg.l10n, pkg.icon, 'language-configuration.json', 'syntaxes', 'schemas']) copy(rel);
  return dir;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  await page.screenshot({ path: file });
  return file;
}

/** The command palette label of one of the extension's commands, from package.json (+ nls, of `locale` if given). */
export function commandLabel(id: string, locale?: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
  const nlsFile = path.join(REPO_ROOT, locale ? `package.nls.${locale}.json` : 'package.nls.json');
  const nls: Record<string, string> = fs.existsSync(nlsFile) ? JSON.parse(fs.readFileSync(nlsFile, 'utf8')) : {};
  const resolve = (s: string | undefined) => (s ?? '').replace(/^%(.+)%$/, (m, k: string) => nls[k] ?? m);
  const cmd = (pkg.contributes?.commands ?? []).find((c: { command: string }) => c.command === id);
  if (!cmd) throw new Error(`package.json contributes no command ${id}`);
  return cmd.category ? `${resolve(cmd.category)}: ${resolve(cmd.title)}` : resolve(cmd.title);
}

/** Runs a command by typing its label into the command palette (F1) and pressing Enter. */
export async function runFromPalette(page: Page, label: string, shot?: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${label}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  if (shot) await screenshot(page, shot);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The sample every UI test opens, and one surface per label in it. */
export const SAMPLE = 'jiangning-smart-grid-measures.txt';
export const SURFACES = { NUM: '150亿元', ORG: '南瑞集团', TERM: '高质量发展' } as const;

/** Opens SAMPLE from the explorer and waits for its text. */
export async function openSample(page: Page): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: SAMPLE }).click();
  await page.locator('.tabs-container .tab.active', { hasText: SAMPLE }).waitFor({ timeout: 30_000 });
  await page.locator('.editor-group-container.active .view-lines', { hasText: '若干措施' }).waitFor({ timeout: 30_000 });
}

/** The first rendered occurrence of `surface` that carries a visible decoration (polls while the extension tags). */
export async function decoratedOccurrence(page: Page, surface: string, timeoutMs = 30_000): Promise<Occurrence> {
  const deadline = Date.now() + timeoutMs;
  let last: Occurrence[] = [];
  while (Date.now() < deadline) {
    last = await inspectSurface(page, surface);
    const hit = last.find((o) => o.decorations.some((d) => d.visible));
    if (hit) return hit;
    await page.waitForTimeout(250);
  }
  throw new Error(`“${surface}” is not visibly highlighted: ${JSON.stringify(last)}`);
}

export interface Box { x: number; y: number; width: number; height: number }
export interface Deco { cls: string; background: string; border: string; visible: boolean }
export interface Occurrence { box: Box; decorations: Deco[] }

/**
 * Every rendered occurrence of `surface` in the active editor, with the extension's decorations
 * drawn over it. Decorations with a background or border are `div.cdr.ced-…` under
 * .view-overlays (no text inside); those with colour or text-decoration are `span.ced-…` around
 * the text in .view-lines. Matching is by on-screen geometry, so it holds for both.
 */
export function inspectSurface(page: Page, surface: string): Promise<Occurrence[]> {
  return page.evaluate((surface) => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor')
      ?? document.querySelector('.monaco-editor');
    if (!editor) return [];
    const boxes: DOMRect[] = [];
    for (const line of Array.from(editor.querySelectorAll('.view-lines .view-line'))) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      const nodes: [Text, number][] = [];
      let text = '';
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) { nodes.push([n, text.length]); text += n.data; }
      text = text.replace(/\u00a0/g, ' '); // the editor renders spaces as NBSP
      const at = (pos: number, end: boolean): [Text, number] => {
        const hit = nodes.find(([n, off]) => (end ? pos <= off + n.data.length : pos < off + n.data.length));
        return hit ? [hit[0], pos - hit[1]] : [nodes[nodes.length - 1][0], nodes[nodes.length - 1][0].data.length];
      };
      for (let i = text.indexOf(surface); i >= 0; i = text.indexOf(surface, i + 1)) {
        const range = document.createRange();
        range.setStart(...at(i, false));
        range.setEnd(...at(i + surface.length, true));
        boxes.push(range.getBoundingClientRect());
      }
    }
    const decos = Array.from(editor.querySelectorAll('.view-overlays [class*="ced-"], .view-lines span[class*="ced-"]'))
      .map((el) => ({ el, r: el.getBoundingClientRect(), cs: getComputedStyle(el) }));
    return boxes.map((b) => ({
      box: { x: b.x, y: b.y, width: b.width, height: b.height },
      decorations: decos
        .filter(({ r }) => r.top < b.bottom && r.bottom > b.top
          && Math.min(r.right, b.right) - Math.max(r.left, b.left) >= 0.5 * b.width)
        .map(({ el, cs }) => {
          const border = `${cs.borderBottomStyle} ${cs.borderBottomWidth} ${cs.borderBottomColor}`;
          const hasBg = cs.backgroundColor !== 'rgba(0, 0, 0, 0)' && cs.backgroundColor !== 'transparent';
          const hasBorder = cs.borderBottomStyle !== 'none' && parseFloat(cs.borderBottomWidth) > 0;
          const hasText = cs.textDecorationLine !== 'none' || el.tagName === 'SPAN';
          return {
            cls: Array.from(el.classList).filter((c) => c.startsWith('ced-')).join(' '),
            background: cs.backgroundColor, border, visible: hasBg || hasBorder || hasText,
          };
        }),
    }));
  }, surface);
}

/** The extension's decoration elements in the active editor (see inspectSurface). */
export const DECORATIONS = '.editor-group-container.active .monaco-editor :is(.view-overlays [class*="ced-"], .view-lines span[class*="ced-"])';

export function decorationCount(page: Page): Promise<number> {
  return page.locator(DECORATIONS).count();
}

/** Moves the mouse onto `box` and returns the text of the hover that appears. */
export async function hoverText(page: Page, box: Box, expect: string | RegExp): Promise<string> {
  await page.mouse.move(5, 5);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  const hover = page.locator('.monaco-hover-content', { hasText: expect }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 }).catch(async (e: Error) => {
    const shown = await page.locator('.monaco-hover-content').allInnerTexts();
    throw new Error(`no hover containing ${expect}; hovers shown: ${JSON.stringify(shown)} (${e.message.split('\n')[0]})`);
  });
  return hover.innerText();
}
