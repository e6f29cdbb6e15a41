// The bundled default glossary, embedded as text by the bundler (see esbuild.mjs: *.yaml → text),
// so it is available in Node, in the browser and in the CLI without file access.
import strategy from './default/terms-strategy.yaml';
import industry from './default/terms-industry.yaml';
import governance from './default/terms-governance.yaml';
import orgs from './default/orgs.yaml';
import { parseGlossary, type ParsedGlossary } from './load';

export const BUNDLED_GLOSSARY_FILES: readonly { file: string; text: string }[] = [
  { file: 'default/terms-strategy.yaml', text: strategy },
  { file: 'default/terms-industry.yaml', text: industry },
  { file: 'default/terms-governance.yaml', text: governance },
  { file: 'default/orgs.yaml', text: orgs },
];

let cached: ParsedGlossary[] | undefined;
export function bundledGlossary(): ParsedGlossary[] {
  cached ??= BUNDLED_GLOSSARY_FILES.map((f) => parseGlossary(f.text, `(bundled) ${f.file}`));
  return cached;
}
