// The bundled default glossary, parsed at build time by the same loader as any workspace
// glossary (scripts/lib/bundled-glossary-plugin.mjs: *.yaml?parsed → its ParsedGlossary) and
// embedded in every bundle (Node, browser, CLI): no file access and no YAML parsing at run time.
import strategy from './default/terms-strategy.yaml?parsed';
import industry from './default/terms-industry.yaml?parsed';
import governance from './default/terms-governance.yaml?parsed';
import orgs from './default/orgs.yaml?parsed';
import type { ParsedGlossary } from './load';

const BUNDLED: readonly ParsedGlossary[] = [strategy, industry, governance, orgs];

export function bundledGlossary(): ParsedGlossary[] {
  return [...BUNDLED];
}
