// The extension must run in VS Code for the Web: no Node built-ins in src/extension, and the
// browser bundle (dist/web/extension.js, when built) requires nothing but `vscode`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './helpers';

const root = repoRoot();

test('src/extension imports no Node built-in module', () => {
  const dir = join(root, 'src', 'extension');
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)) {
      assert.ok(!builtins.has(m[1]), `${f} imports ${m[1]}`);
    }
  }
});

test('the web bundle requires only vscode', { skip: !existsSync(join(root, 'dist', 'web', 'extension.js')) && 'not built' }, () => {
  const text = readFileSync(join(root, 'dist', 'web', 'extension.js'), 'utf8');
  const required = new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]));
  assert.deepEqual([...required], ['vscode']);
});

test('package.json points `browser` at the web bundle and `main` at the Node one', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(pkg.browser, './dist/web/extension.js');
  assert.equal(pkg.main, './dist/extension.js');
});
