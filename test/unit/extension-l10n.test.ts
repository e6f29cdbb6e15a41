// Every UI string of the extension exists in English and Simplified Chinese: the manifest's
// %placeholders% in package.nls*.json, and every l10n.t('…') in src/extension in the l10n bundles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers';

const root = repoRoot();
const json = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8')) as Record<string, unknown>;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The message strings passed to l10n.t in the extension's sources (single-quoted literals). */
function messages(): Set<string> {
  const out = new Set<string>();
  for (const f of sources(join(root, 'src', 'extension'))) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\(.)/g, '$1'));
    assert.doesNotMatch(text, /l10n\.t\(\s*`/, `${f}: l10n.t needs a plain string literal, not a template`);
  }
  return out;
}

test('package.nls.json and package.nls.zh-cn.json have the same keys, and cover every %key% in package.json', () => {
  const en = json('package.nls.json');
  const zh = json('package.nls.zh-cn.json');
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  const used = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
  assert.ok(used.size > 10);
  for (const k of used) assert.ok(k in en, `package.nls.json lacks ${k}`);
  for (const [k, v] of Object.entries(zh)) {
    assert.equal(typeof v, 'string');
    assert.ok((v as string).trim() !== '', `empty zh-cn string for ${k}`);
  }
});

test('l10n bundles: English and zh-cn have the same keys, covering every l10n.t message in src/extension', () => {
  const en = json('l10n/bundle.l10n.json');
  const zh = json('l10n/bundle.l10n.zh-cn.json');
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const used = messages();
  assert.ok(used.size > 20, `only ${used.size} messages found`);
  for (const m of used) assert.ok(m in en, `l10n/bundle.l10n.json lacks "${m}" (run: npx @vscode/l10n-dev export -o l10n src/extension)`);
  for (const [k, v] of Object.entries(zh)) {
    const placeholders = (s: string) => [...s.matchAll(/\{(\d+)\}/g)].map((m) => m[1]).sort().join(',');
    assert.equal(placeholders(v as string), placeholders(k), `placeholders differ in the zh-cn translation of "${k}"`);
  }
  // A translation left in English is a missing translation (labels and punctuation aside).
  const untranslated = Object.entries(zh).filter(([k, v]) => v === k && /[a-z]{3}/.test(k));
  assert.deepEqual(untranslated, [], 'untranslated zh-cn strings');
});

test('package.json declares l10n, an icon and untrusted-workspace support', () => {
  const pkg = json('package.json') as { l10n?: string; icon?: string; capabilities?: { untrustedWorkspaces?: { supported?: unknown } } };
  assert.equal(pkg.l10n, './l10n');
  assert.ok(pkg.icon && existsSync(join(root, pkg.icon)));
  const png = readFileSync(join(root, pkg.icon!));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  assert.equal(png.readUInt32BE(16), 128);
  assert.equal(png.readUInt32BE(20), 128);
  assert.ok(['limited', true].includes(pkg.capabilities?.untrustedWorkspaces?.supported as string | boolean));
});
