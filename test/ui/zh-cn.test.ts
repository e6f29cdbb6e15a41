// UI test of the Chinese UI seen in Chinese: code-server started with `--locale zh-cn` and a zh-cn
// language pack built offline (scripts/lib/build-zh-language-pack.mjs, installed by
// scripts/install-vscode-offline.sh). Without a pack code-server stays English, and then so does
// `vscode.env.language` and every string of the extension. Asserted: the workbench itself speaks
// Chinese (its explorer title), and so do our command in the palette (package.nls.zh-cn.json),
// our hover labels, our status bar item and our notifications (l10n/bundle.l10n.zh-cn.json).
/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { GLOSSARY_LIMITS } from '../../src/core/glossary/load';
import { REPO_ROOT, ZH_LANGUAGE_PACK, log, shutdown } from '../integration/runner/harness';
import { SURFACES, type Workbench, commandLabel, decoratedOccurrence, hoverText, openSample, openWorkbench, runFromPalette, screenshot } from './workbench';

const BUNDLE: Record<string, string> = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
const HAN = /\p{Script=Han}/u;

/** The zh-cn text of one of the extension's runtime strings, `{0}`… filled in. */
function zh(english: string, ...args: (string | number)[]): string {
  const t = BUNDLE[english];
  if (!t) throw new Error(`l10n/bundle.l10n.zh-cn.json has no translation of ${JSON.stringify(english)}`);
  return t.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]));
}

suite('UI: the workbench and the extension in Chinese (code-server --locale zh-cn + Chromium)', function () {
  let wb: Workbench;
  let page: Page;

  suiteSetup(async function () {
    this.timeout(240_000);
    if (!fs.existsSync(path.join(ZH_LANGUAGE_PACK, 'package.json'))) throw new Error(`no zh-cn language pack at ${ZH_LANGUAGE_PACK}: run scripts/install-vscode-offline.sh`);
    wb = await openWorkbench({ name: 'ui-zh', locale: 'zh-cn', languagePack: ZH_LANGUAGE_PACK });
    page = wb.page;
  });

  /**
   * The text of the notification `expected` in the notification centre, opened from the status bar
   * bell if it is not open: headless Chromium never gives the window focus, and VS Code holds toasts
   * back until it has it. Fails with what is shown (and a screenshot) when it does not appear.
   */
  async function inNotificationCentre(expected: string, timeout: number, missingShot: string): Promise<string> {
    if (!(await page.locator('.notifications-center').isVisible())) {
      await page.locator('.part.statusbar .statusbar-item[id$="notifications"]').first().click({ timeout: 15_000 });
    }
    const item = page.locator('.notifications-center .notification-list-item-message', { hasText: expected });
    await item.first().waitFor({ state: 'visible', timeout }).catch(async (e: Error) => {
      await screenshot(page, missingShot);
      const shown = await page.locator('.notification-list-item').allInnerTexts();
      throw new Error(`no notification ${JSON.stringify(expected)}; shown: ${JSON.stringify(shown)} (${e.message.split('\n')[0]})`);
    });
    return item.first().innerText();
  }

  suiteTeardown(async function () {
    this.timeout(30_000);
    await shutdown();
  });

  test('the workbench is in Chinese', async function () {
    this.timeout(60_000);
    const lang = await page.evaluate(() => (globalThis as { _VSCODE_NLS_LANGUAGE?: string })._VSCODE_NLS_LANGUAGE ?? '');
    const title = await page.locator('.part.sidebar .composite.title .title-label').first().innerText();
    log(`workbench language ${JSON.stringify(lang)}, sidebar title ${JSON.stringify(title)}`);
    assert.equal(lang, 'zh-cn');
    assert.match(title, /资源管理器/);
  });

  test('highlights appear, and a hover speaks Chinese', async function () {
    this.timeout(90_000);
    await openSample(page);
    const occ = await decoratedOccurrence(page, SURFACES.TERM, 60_000);
    const text = await hoverText(page, occ.box, zh('State'));
    log(`hover on ${SURFACES.TERM}: ${JSON.stringify(text)}`);
    assert.ok(text.includes(`${zh('State')}`) && text.includes(zh('suggestion')), `hover labels in Chinese: ${JSON.stringify(text)}`);
    assert.ok(!/\bState\b|\bsuggestion\b/.test(text), `no English hover label: ${JSON.stringify(text)}`);
    await screenshot(page, 'zh-cn-hover.png');
  });

  test('our command is listed in Chinese, and the status bar says so in Chinese', async function () {
    this.timeout(90_000);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    const label = commandLabel('policyAnnotator.toggleFile', 'zh-cn');
    assert.match(label, HAN);
    await runFromPalette(page, label, 'zh-cn-palette.png');
    const off = page.locator('.part.statusbar .statusbar-item', { hasText: zh('Annotations off') });
    await off.first().waitFor({ state: 'visible', timeout: 15_000 });
    log(`status bar: ${JSON.stringify(await off.first().innerText())}`);
    await screenshot(page, 'zh-cn-status-bar.png');
    await runFromPalette(page, label);
    await decoratedOccurrence(page, SURFACES.ORG, 15_000);
  });

  test('a notification in Chinese', async function () {
    this.timeout(90_000);
    // Adding the whole text (longer than a glossary term may be) to the glossary is refused with a warning.
    await page.locator('.editor-group-container.active .view-lines').first().click();
    await page.keyboard.press('Control+A');
    await runFromPalette(page, commandLabel('policyAnnotator.addToGlossary', 'zh-cn'));
    const expected = zh('A glossary term has at most {0} characters.', GLOSSARY_LIMITS.termLength);
    log(`notification: ${JSON.stringify(await inNotificationCentre(expected, 15_000, 'zh-cn-notification-missing.png'))}`);
    await screenshot(page, 'zh-cn-notification.png');
  });

  test('a refused sidecar is explained in Chinese (the reason too, not only the frame around it)', async function () {
    this.timeout(90_000);
    // A text whose sidecar is binary: the store refuses it, and the editor says why in Chinese.
    fs.writeFileSync(path.join(wb.workspace, 'refused-zh.txt'), '南京市人民政府推进高质量发展。\n');
    fs.writeFileSync(path.join(wb.workspace, 'refused-zh.txt.annotations.jsonl'), Buffer.from([0x7b, 0x00, 0x01, 0x0a]));
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('refused-zh.txt');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'refused-zh.txt' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'refused-zh.txt' }).waitFor({ timeout: 30_000 });
    const expected = zh('Annotations of {0} were not loaded: {1}', 'refused-zh.txt', zh('binary file (NUL byte); the sidecar was left untouched'));
    log(`refusal: ${JSON.stringify(await inNotificationCentre(expected, 30_000, 'zh-cn-refusal-missing.png'))}`);
  });
});
