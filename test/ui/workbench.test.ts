// UI tests: what a person sees in a real VS Code workbench (code-server in Chromium) with the
// extension loaded: a sample policy text opens, numbers / organizations / terms are visibly
// highlighted (a different look per label), hovers explain a number and a term, and the
// "toggle highlighting" command from the command palette switches the highlights off and on.
// Screenshots go to test/screenshots/ (git-ignored); `npm run screenshot` also refreshes the
// curated media/screenshot.png shown in README.md.
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, log, shutdown } from '../integration/runner/harness';
import {
  DECORATIONS, SURFACES, type Workbench, commandLabel, decoratedOccurrence, decorationCount, hoverText, openSample, openWorkbench, runFromPalette, screenshot,
} from './workbench';

suite('UI: Policy Annotator in the VS Code workbench (code-server + Chromium)', function () {
  let wb: Workbench;
  let page: Page;

  suiteSetup(async function () {
    this.timeout(240_000);
    wb = await openWorkbench();
    page = wb.page;
  });

  suiteTeardown(async function () {
    this.timeout(30_000);
    await shutdown();
  });

  test('opens a sample policy text from the explorer', async function () {
    this.timeout(60_000);
    await openSample(page);
    // Show the extension's span list too, when it contributes one (for the screenshots).
    const spansView = page.locator('.pane-header[aria-label^="Policy Spans"][aria-expanded="false"]').first();
    await spansView.click({ timeout: 10_000 }).catch(() => log('no collapsed "Policy Spans" view to expand'));
  });

  test('numbers, organizations and terms are visibly highlighted, each label in its own style', async function () {
    this.timeout(60_000);
    const styles: Record<string, string> = {};
    for (const [label, surface] of Object.entries(SURFACES)) {
      const occ = await decoratedOccurrence(page, surface);
      const visible = occ.decorations.filter((d) => d.visible);
      styles[label] = visible.map((d) => `${d.background} / ${d.border}`).sort().join(' + ');
      log(`${label} “${surface}”: ${styles[label]}`);
    }
    assert.equal(new Set(Object.values(styles)).size, 3, `NUM, ORG and TERM look different: ${JSON.stringify(styles)}`);
    assert.ok(await decorationCount(page) >= 10, 'the sample shows at least 10 highlights');
    await screenshot(page, 'highlights.png');
  });

  test('hovering a number shows its normalized value', async function () {
    this.timeout(60_000);
    const occ = await decoratedOccurrence(page, SURFACES.NUM);
    const text = await hoverText(page, occ.box, '15,000,000,000');
    log(`hover on ${SURFACES.NUM}: ${JSON.stringify(text)}`);
    assert.match(text, /150\s*亿元/);
    await screenshot(page, 'hover-number.png');
  });

  test('hovering a policy term shows its glossary entry', async function () {
    this.timeout(60_000);
    const occ = await decoratedOccurrence(page, SURFACES.TERM);
    const text = await hoverText(page, occ.box, SURFACES.TERM);
    log(`hover on ${SURFACES.TERM}: ${JSON.stringify(text)}`);
    // The entry, not just the surface: a definition follows the term.
    assert.ok(text.replace(/\s+/g, '').length >= SURFACES.TERM.length + 10, `hover has a definition: ${JSON.stringify(text)}`);
    const file = await screenshot(page, 'hover-term.png');
    if (process.env.POLICY_ANNOTATOR_UPDATE_MEDIA === '1') {
      fs.copyFileSync(file, path.join(REPO_ROOT, 'media', 'screenshot.png'));
      log('updated media/screenshot.png');
    }
  });

  test('a command from the palette toggles the highlights off and on again', async function () {
    this.timeout(90_000);
    await page.mouse.move(5, 5); // close the hover
    await page.keyboard.press('Escape');
    const label = commandLabel('policyAnnotator.toggleFile');
    const before = await decorationCount(page);
    assert.ok(before > 0, 'highlights before the toggle');
    await runFromPalette(page, label, 'palette.png');
    await page.waitForFunction((sel) => document.querySelectorAll(sel).length === 0, DECORATIONS, { timeout: 15_000 });
    await screenshot(page, 'toggled-off.png');
    await runFromPalette(page, label);
    await decoratedOccurrence(page, SURFACES.ORG, 15_000);
    log(`“${label}”: ${before} highlights → 0 → ${await decorationCount(page)}`);
  });
});
