// Builds a VS Code language pack for zh-cn (Simplified Chinese) offline, for the UI test that shows
// the workbench in Chinese (test/ui/zh-cn.test.ts). The Marketplace pack (MS-CEINTL) cannot be
// downloaded here, and code-server only switches to a locale for which an installed extension
// contributes `localizations` with a `vscode` translations file; a pack without translations leaves
// the workbench in English, and so (VS Code's language being English) every extension too.
//
// Source of the translations: @codingame/monaco-vscode-language-pack-zh-hans on npm, a repackaging
// of the official pack for VS Code 1.108. It ships the core translations as one array indexed by
// @codingame/monaco-vscode-api's own message numbers (no message keys), so the numbers are matched
// to English through that package's `localize(N, "English")` calls, and the English to code-server's
// own messages (lib/vscode/out/nls.keys.json + nls.messages.json). That yields a standard
// translations/main.i18n.json ({ contents: { module: { key: text } } }), the format code-server's
// server reads. Coverage is partial (only the strings of the core monaco-vscode-api package, and
// VS Code 1.139 changed some since 1.108): untranslated strings stay English, as with any pack.
//
//   node scripts/lib/build-zh-language-pack.mjs SRC_DIR CODE_SERVER_PKG OUT_DIR
// SRC_DIR holds the two npm packages unpacked: SRC_DIR/language-pack/ and SRC_DIR/api/.
import * as fs from 'node:fs';
import * as path from 'node:path';

const [srcDir, codeServerPkg, outDir] = process.argv.slice(2);
if (!outDir) throw new Error('usage: build-zh-language-pack.mjs SRC_DIR CODE_SERVER_PKG OUT_DIR');

// The pack's index.js is an ES module: `var content = [ … ]; export { content as default };`
const arraySrc = fs.readFileSync(path.join(srcDir, 'language-pack', 'translations', 'main.i18n.json.js'), 'utf8');
const zh = new Function(arraySrc.replace(/export\s*\{[^}]*\};?\s*$/, '').replace(/^var content =/m, 'return'))();
if (!Array.isArray(zh) || zh.length < 1000) throw new Error('unexpected format of main.i18n.json.js');

// localize(N, "English …") and localize2(N, "…") in the compiled monaco-vscode-api sources.
const CALL = /\blocalize2?\(\s*(\d+)\s*,\s*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g;
const english = new Map();
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith('.js')) {
      for (const m of fs.readFileSync(p, 'utf8').matchAll(CALL)) {
        const lit = m[2][0] === '"' ? m[2] : `"${m[2].slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"')}"`;
        try { english.set(Number(m[1]), JSON.parse(lit)); } catch { /* not a plain literal */ }
      }
    }
  }
};
walk(path.join(srcDir, 'api'));

// English → Chinese. An English string translated two ways keeps the first (the rarer contexts lose).
const dict = new Map();
for (const [i, en] of english) if (typeof zh[i] === 'string' && zh[i] && !dict.has(en)) dict.set(en, zh[i]);

const out = path.join(codeServerPkg, 'lib', 'vscode', 'out');
const keys = JSON.parse(fs.readFileSync(path.join(out, 'nls.keys.json'), 'utf8'));
const messages = JSON.parse(fs.readFileSync(path.join(out, 'nls.messages.json'), 'utf8'));
const contents = {};
let index = 0, translated = 0;
for (const [module, moduleKeys] of keys) {
  for (const key of moduleKeys) {
    const zhText = dict.get(messages[index++]);
    if (zhText) { (contents[module] ??= {})[key] = zhText; translated++; }
  }
}
if (index !== messages.length) throw new Error(`nls.keys.json names ${index} messages, nls.messages.json has ${messages.length}`);

const version = JSON.parse(fs.readFileSync(path.join(srcDir, 'language-pack', 'package.json'), 'utf8')).version;
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(path.join(outDir, 'translations'), { recursive: true });
fs.writeFileSync(path.join(outDir, 'translations', 'main.i18n.json'), JSON.stringify({
  version: '1.0.0',
  contents,
}));
fs.writeFileSync(path.join(outDir, 'package.json'), JSON.stringify({
  name: 'vscode-language-pack-zh-hans-offline',
  displayName: 'Chinese (Simplified) Language Pack (built offline for tests)',
  description: `Built by scripts/lib/build-zh-language-pack.mjs from @codingame/monaco-vscode-language-pack-zh-hans@${version}`,
  version: '0.0.1',
  publisher: 'policy-annotator-tests',
  engines: { vscode: '*' },
  categories: ['Language Packs'],
  contributes: {
    localizations: [{
      languageId: 'zh-cn', languageName: 'Chinese Simplified', localizedLanguageName: '中文(简体)',
      translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
    }],
  },
}, null, 2));
console.log(`zh-cn pack: ${translated} of ${messages.length} workbench messages translated → ${outDir}`);
