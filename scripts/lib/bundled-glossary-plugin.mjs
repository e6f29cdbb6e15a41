// esbuild plugin: `import g from './default/orgs.yaml?parsed'` is the ParsedGlossary of that file,
// parsed at build time by the product's own loader (src/core/glossary/load.ts) and embedded as a
// JavaScript object literal. Parsing the bundled YAML at run time took ~300 ms on every start of
// the extension host, the CLI and each `--jobs` worker; this is the same result, ready-made. A
// bundled file with an error in it fails the build, located.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GLOSSARY_DIR = join(ROOT, 'src/core/glossary');

let loader;
/** src/core/glossary/load.ts, bundled for Node and imported once per build process. */
function glossaryLoader() {
  loader ??= esbuild
    .build({ entryPoints: [join(GLOSSARY_DIR, 'load.ts')], bundle: true, write: false, format: 'cjs', platform: 'node', target: 'es2022', logLevel: 'silent' })
    .then((r) => {
      // A CommonJS module evaluated in memory (the yaml package requires Node built-ins).
      const module = { exports: {} };
      new Function('module', 'exports', 'require', r.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
      return module.exports;
    });
  return loader;
}

export const bundledGlossaryPlugin = {
  name: 'bundled-glossary',
  setup(build) {
    build.onResolve({ filter: /\.yaml\?parsed$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?parsed'.length)),
      namespace: 'parsed-glossary',
    }));
    build.onLoad({ filter: /.*/, namespace: 'parsed-glossary' }, async (args) => {
      const { parseGlossary } = await glossaryLoader();
      const text = readFileSync(args.path, 'utf8');
      // The name hovers and diagnostics show, as when the text was parsed at run time.
      const parsed = parseGlossary(text, `(bundled) ${relative(GLOSSARY_DIR, args.path).split('\\').join('/')}`);
      const errors = parsed.problems.filter((p) => p.severity === 'error');
      if (errors.length) {
        return { errors: errors.map((p) => ({ text: p.message, location: { file: args.path, line: p.line, column: p.column - 1 } })), watchFiles: [args.path] };
      }
      // JSON.parse of a string literal: V8 reads it several times faster than the same object literal.
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(parsed))});`, loader: "js", watchFiles: [args.path] };
    });
  },
};
