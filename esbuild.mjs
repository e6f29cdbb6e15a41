// One build script for every artefact: the extension (Node and web), the CLI, the unit tests
// and the benchmark. Tests are bundled the same way as the product, so they exercise exactly
// the code (and the embedded default glossary) that ships.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundledGlossaryPlugin } from './scripts/lib/bundled-glossary-plugin.mjs';
import { lexiconPlugin } from './scripts/lib/lexicon-plugin.mjs';

const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const common = {
  bundle: true,
  sourcemap: true,
  logLevel: 'warning',
  loader: { '.yaml': 'text' },
  plugins: [bundledGlossaryPlugin, lexiconPlugin], // the default glossary, parsed, and jieba's lexicon, compacted, at build time
  target: 'es2022',
  // Chinese text (the glossary, jieba's lexicon) as UTF-8, not \uXXXX escapes: a third of the size.
  charset: 'utf8',
};

function listTests(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listTests(p));
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const builds = [];
if (args.has('--tests')) {
  // Both output folders of this build: a deleted or renamed test must not keep running.
  for (const dir of ['out/test/unit', 'out/test/hardening']) rmSync(dir, { recursive: true, force: true });
  builds.push({ ...common, entryPoints: [...listTests('test/unit'), ...listTests('test/hardening')], outdir: 'out/test', outbase: 'test', platform: 'node', format: 'cjs', external: ['vscode'] });
} else if (args.has('--integration')) {
  // Tests that run inside a real VS Code (test/integration/suite and, for Restricted Mode,
  // test/integration/restricted: each an extensionTestsPath module and its *.test.ts), the runners that start one (test/integration/runner) and the Chromium UI tests
  // (test/ui). vscode, mocha and the drivers stay external: they are resolved at run time.
  // No wipe first (a run in progress may be reading these files): stale outputs are pruned below.
  const suite = ['test/integration/suite/index.ts', ...listTests('test/integration/suite'), 'test/integration/restricted/index.ts', ...listTests('test/integration/restricted')];
  const runners = ['test/integration/runner/code-server.ts', 'test/integration/runner/electron.ts', 'test/integration/runner/ui.ts', 'test/integration/runner/start.ts'];
  builds.push({
    ...common, entryPoints: [...suite, ...runners, ...listTests('test/ui')], outdir: 'out/test', outbase: 'test',
    platform: 'node', format: 'cjs', external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'],
    metafile: true, pruneOutdirs: ['out/test/integration', 'out/test/ui'],
  });
} else if (args.has('--bench')) {
  // Named entries: out/bench/bench.js (what `npm run bench` runs) with the export worker next to it.
  rmSync('out/bench', { recursive: true, force: true });
  builds.push({ ...common, entryPoints: { bench: 'bench/bench.ts', worker: 'src/cli/worker.ts' }, outdir: 'out/bench', platform: 'node', format: 'cjs', external: ['@node-rs/jieba'] });
} else if (args.has('--simulate')) {
  // out/simulate/simulate.js: what `npm run simulate` runs (docs/learning.md).
  builds.push({ ...common, entryPoints: { simulate: 'src/cli/simulate-main.ts' }, outdir: 'out/simulate', platform: 'node', format: 'cjs' });
} else {
  builds.push(
    { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs' },
    { ...common, entryPoints: ['src/cli/worker.ts'], outfile: 'dist/worker.js', platform: 'node', format: 'cjs' },
  );
  if (existsSync('src/extension/extension.ts')) {
    builds.push(
      { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
      { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'], define: { 'process.env.POLICY_ANNOTATOR_WEB': '"1"' } },
    );
  }
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map(async ({ pruneOutdirs, ...b }) => {
    const result = await esbuild.build(b);
    // Removes outputs whose source is gone (a deleted test must not keep running).
    if (pruneOutdirs) {
      const keep = new Set(Object.keys(result.metafile.outputs).map((f) => resolve(f)));
      const prune = (dir) => {
        if (!existsSync(dir)) return;
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const p = join(dir, e.name);
          if (e.isDirectory()) prune(p);
          else if (!keep.has(resolve(p))) rmSync(p, { force: true });
        }
      };
      pruneOutdirs.forEach(prune);
    }
  }));
}
