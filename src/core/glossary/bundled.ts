// The bundled default glossary, parsed at build time by the same loader as any workspace
// glossary (scripts/lib/bundled-glossary-plugin.mjs: *.yaml?parsed → its ParsedGlossary) and
// embedded in every bundle (Node, browser, CLI): no file access and no YAML parsing at run time.
// One file per field, merged in file-name order; test/unit/glossary-shape.test.ts checks that
// every file of default/ is listed here.
import orgsEnterprisesFinance from './default/orgs-enterprises-finance.yaml?parsed';
import orgsPartyState from './default/orgs-party-state.yaml?parsed';
import orgsScienceEducationIntl from './default/orgs-science-education-intl.yaml?parsed';
import orgs from './default/orgs.yaml?parsed';
import termsFrom20022012 from './default/terms-2002-2012.yaml?parsed';
import terms20122025Economy from './default/terms-2012-2025-economy.yaml?parsed';
import termsDiplomacyIdeologyHistory from './default/terms-diplomacy-ideology-history.yaml?parsed';
import termsFinanceRegionsGovernance from './default/terms-finance-regions-governance.yaml?parsed';
import termsFoundingEra from './default/terms-founding-era-1949-1976.yaml?parsed';
import termsGovernance from './default/terms-governance.yaml?parsed';
import termsHistoryFrom1949From2002 from './default/terms-history-1949-2002.yaml?parsed';
import termsHistoryReformEra from './default/terms-history-reform-era.yaml?parsed';
import termsIndustry from './default/terms-industry.yaml?parsed';
import termsLivelihoodEcology from './default/terms-livelihood-ecology.yaml?parsed';
import termsLocalIndustrialPolicy from './default/terms-local-industrial-policy.yaml?parsed';
import termsPartyLawDiplomacy from './default/terms-party-law-diplomacy.yaml?parsed';
import termsProgrammesScienceSociety from './default/terms-programmes-science-society.yaml?parsed';
import termsStrategy from './default/terms-strategy.yaml?parsed';
import type { ParsedGlossary } from './load';

const BUNDLED: readonly ParsedGlossary[] = [
  orgsEnterprisesFinance,
  orgsPartyState,
  orgsScienceEducationIntl,
  orgs,
  termsFrom20022012,
  terms20122025Economy,
  termsDiplomacyIdeologyHistory,
  termsFinanceRegionsGovernance,
  termsFoundingEra,
  termsGovernance,
  termsHistoryFrom1949From2002,
  termsHistoryReformEra,
  termsIndustry,
  termsLivelihoodEcology,
  termsLocalIndustrialPolicy,
  termsPartyLawDiplomacy,
  termsProgrammesScienceSociety,
  termsStrategy,
];

export function bundledGlossary(): ParsedGlossary[] {
  return [...BUNDLED];
}
