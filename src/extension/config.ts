// Typed access to the extension's settings (package.json contributes.configuration).
import * as vscode from 'vscode';
import { SIDECAR_SUFFIX } from '../core/annotations/sidecar';

export const SECTION = 'policyAnnotator';

export const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'policy-text'];
export const DEFAULT_GLOSSARY_GLOBS = ['**/*.glossary.yaml', '.policy-annotator/glossary.yaml'];

export interface Settings {
  enabled: boolean;
  languages: string[];
  filePatterns: string[];
  labels: Record<string, boolean>;
  glossaryGlobs: string[];
  debounce: number;
  overviewRuler: boolean;
  maxDocumentLength: number;
}

function strings(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : fallback;
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const labels = c.get<Record<string, unknown>>('labels') ?? {};
  const debounce = Number(c.get('debounce', 150));
  const maxLen = Number(c.get('maxDocumentLength', 20_000_000));
  return {
    enabled: c.get<boolean>('enabled', true) !== false,
    languages: strings(c.get('languages'), DEFAULT_LANGUAGES),
    filePatterns: strings(c.get('filePatterns'), []),
    labels: Object.fromEntries(Object.entries(labels).filter(([, v]) => typeof v === 'boolean')) as Record<string, boolean>,
    // In Restricted Mode VS Code hides workspace values of this setting (restrictedConfigurations).
    glossaryGlobs: strings(c.get('glossary.files'), DEFAULT_GLOSSARY_GLOBS),
    debounce: Number.isFinite(debounce) ? Math.max(0, Math.min(5000, debounce)) : 150,
    overviewRuler: c.get<boolean>('overviewRuler', true) !== false,
    maxDocumentLength: Number.isFinite(maxLen) && maxLen > 0 ? maxLen : 20_000_000,
  };
}

/** Whether a label is shown (custom categories are shown unless switched off). */
export function labelShown(s: Settings, label: string): boolean {
  return s.labels[label] !== false;
}

/** The document selector the extension serves: configured languages plus file globs. */
export function documentSelector(s: Settings): vscode.DocumentFilter[] {
  const out: vscode.DocumentFilter[] = s.languages.map((language) => ({ language }));
  for (const pattern of s.filePatterns) out.push({ pattern });
  return out;
}

/** Schemes we never annotate: output panels, diff bases, settings and similar views. */
const SKIP_SCHEMES = new Set(['output', 'git', 'vscode-settings', 'debug', 'vscode-scm', 'comment', 'walkThroughSnippet', 'vscode-notebook-cell-output']);

export function isEligible(doc: vscode.TextDocument, s: Settings = readSettings(doc.uri)): boolean {
  if (SKIP_SCHEMES.has(doc.uri.scheme)) return false;
  // Our own sidecars (JSON Lines, often opened as plain text) are data, not policy texts.
  if (doc.uri.path.endsWith(SIDECAR_SUFFIX)) return false;
  if (!s.enabled) return false;
  return vscode.languages.match(documentSelector(s), doc) > 0;
}
