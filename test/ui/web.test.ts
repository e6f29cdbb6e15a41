// UI test of the web extension (the `browser` entry, what vscode.dev would run) in a real VS Code
// web worker extension host: code-server's workbench in Chromium loads a web-only copy of the
// extension (webOnlyCopy: no `main`, `"extensionKind": ["web"]`, only dist/web/), which the
// workbench can run nowhere but in its web worker extension host. The same highlights and hover
// as in workbench.test.ts must appear.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import type { Page, Worker } from 'playwright-core';
import { log, shutdown } from '../integration/runner/harness';
import { SURFACES, type Workbench, decoratedOccurrence, decorationCount, hoverText, openSample, openWorkbench, screenshot, webOnlyCopy } from './workbench';

suite('UI: the web extension in the web worker extension host (code-server + Chromium)', function () {
  let wb: Workbench;
  let page: Page;

  suiteSetup(async function () {
    this.timeout(240_000);
    wb = await openWorkbench({ name: 'ui-web', extension: webOnlyCopy });
    page = wb.page;
  });

  suiteTeardown(async function () {
    this.timeout(30_000);
    await shutdown();
  });

  test('the browser bundle of the copy is loaded in a web worker', async function () {
    this.timeout(60_000);
    // The web worker extension host is a dedicated worker (a blob: URL) started by the workbench;
    // it fetches each extension's `browser` script. Which worker loaded ours shows in that
    // worker's own resource timing entries.
    const bundle = /\/web-extension\/dist\/web\/extension\.js/;
    const loadedBy = async (w: Worker) => (await w.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name)).catch(() => [] as string[]))
      .filter((u) => bundle.test(decodeURIComponent(u)));
    let found: string[] = [];
    const deadline = Date.now() + 30_000;
    while (!found.length && Date.now() < deadline) {
      for (const w of page.workers()) found.push(...await loadedBy(w));
      if (!found.length) await page.waitForTimeout(250);
    }
    log('loaded in a web worker:', found);
    assert.ok(found.length > 0, `a web worker loaded dist/web/extension.js of the web-only copy (workers: ${JSON.stringify(page.workers().map((w) => w.url()))})`);
  });

  test('the web-only extension highlights numbers, organizations and terms', async function () {
    this.timeout(90_000);
    await openSample(page);
    const styles: Record<string, string> = {};
    for (const [label, surface] of Object.entries(SURFACES)) {
      const occ = await decoratedOccurrence(page, surface, 60_000);
      styles[label] = occ.decorations.filter((d) => d.visible).map((d) => `${d.background} / ${d.border}`).sort().join(' + ');
      log(`${label} “${surface}”: ${styles[label]}`);
    }
    assert.equal(new Set(Object.values(styles)).size, 3, `NUM, ORG and TERM look different: ${JSON.stringify(styles)}`);
    assert.ok(await decorationCount(page) >= 10, 'the sample shows at least 10 highlights');
    await screenshot(page, 'web-highlights.png');
  });

  test('hovering a number shows its normalized value', async function () {
    this.timeout(60_000);
    const occ = await decoratedOccurrence(page, SURFACES.NUM);
    const text = await hoverText(page, occ.box, '15,000,000,000');
    log(`hover on ${SURFACES.NUM}: ${JSON.stringify(text)}`);
    assert.match(text, /150\s*亿元/);
    await screenshot(page, 'web-hover-number.png');
  });
});
