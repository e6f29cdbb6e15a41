#!/usr/bin/env node
// Fails when the relative imports of src/**/*.ts form a cycle. A cycle ties modules together so
// that none can be read, tested or moved alone (engine.ts and incremental.ts once imported each
// other); type-only imports count too, since they bind the modules' meanings just the same.
// Run by `npm run typecheck` and by test/unit/layout.test.ts, so CI guards it.
// Usage: node scripts/check-cycles.mjs [folder]   (default: src)
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';

const root = resolve(process.argv[2] ?? join(dirname(new URL(import.meta.url).pathname), '..', 'src'));

function listTs(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTs(p));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** The file a relative specifier names, as TypeScript resolves it (x.ts, then x/index.ts). */
function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const p of [base + '.ts', join(base, 'index.ts')]) if (existsSync(p)) return p;
  return undefined; // JSON, YAML, a .d.ts: no module of ours to follow
}

// import … from '…', export … from '…', import '…', and import('…'); comments stripped first so a
// quoted path in prose is not taken for an import.
const SPEC = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
function importsOf(file) {
  const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"])\/\/.*$/gm, '$1');
  const out = new Set();
  for (const m of src.matchAll(SPEC)) {
    const target = resolveImport(file, m[1]);
    if (target) out.add(target);
  }
  return [...out].sort();
}

const files = listTs(root).sort();
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const state = new Map(); // undefined: new, 1: on the path, 2: done
const cycles = [];
const path = [];
function visit(f) {
  state.set(f, 1);
  path.push(f);
  for (const g of graph.get(f) ?? []) {
    if (state.get(g) === 1) cycles.push([...path.slice(path.indexOf(g)), g]);
    else if (state.get(g) === undefined) visit(g);
  }
  path.pop();
  state.set(f, 2);
}
for (const f of files) if (state.get(f) === undefined) visit(f);

const rel = (f) => relative(process.cwd(), f);
if (cycles.length > 0) {
  for (const c of cycles) console.error('import cycle: ' + c.map(rel).join(' → '));
  process.exit(1);
}
console.log(`no import cycle in ${rel(root) || '.'} (${files.length} modules)`);
