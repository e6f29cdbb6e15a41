// Hovers: what a span is. A glossary hit shows its entry (term, category, definition, aliases,
// source, see-also, the file it came from and the alias that matched); a rule-found span why it was
// found; a NUM its normalized value. Rendered untrusted: no command links, no HTML.
import * as vscode from 'vscode';
import type { GlossaryEntry } from '../core';
import { firstEndingAfter } from '../core/text/search';
import { referenceAt } from '../core/glossary/reference';
import type { GlossaryService } from './glossaryService';
import type { Tagger, ViewSpan } from './tagger';
import { collapseSpace, describeLearned, describeNumber, describeReason, escapeMarkdown, kindName, sanitizeDefinition } from './present';
import { defaultAuthor } from './docState';

export function stateName(state: ViewSpan['state']): string {
  switch (state) {
    case 'auto': return vscode.l10n.t('suggestion');
    case 'accepted': return vscode.l10n.t('accepted');
    case 'manual': return vscode.l10n.t('manual');
    case 'rejected': return vscode.l10n.t('rejected');
  }
}

/** Index of the span containing `offset` (start ≤ offset < end) in spans sorted by start, or -1. */
export function spanIndexAt(spans: readonly ViewSpan[], offset: number): number {
  const lo = firstEndingAfter(spans, 0, offset);
  // Spans may overlap when a rejected suggestion sits under a manual span: prefer the non-rejected one.
  let best = -1;
  for (let i = lo; i < spans.length && spans[i].start <= offset; i++) {
    if (spans[i].end > offset && (best < 0 || spans[best].state === 'rejected')) best = i;
  }
  return best;
}

function newMarkdown(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

function heading(md: vscode.MarkdownString, title: string, label: string, extra?: string): void {
  md.appendMarkdown(`**${escapeMarkdown(title)}** · \`${label.replace(/`/g, '')}\``);
  if (extra) md.appendMarkdown(` · ${escapeMarkdown(extra)}`);
  md.appendMarkdown('\n\n');
}

function field(md: vscode.MarkdownString, name: string, value: string): void {
  md.appendMarkdown(`${escapeMarkdown(name)}: ${value}  \n`);
}

/** A glossary entry: heading, definition, and where it comes from. */
function appendEntry(md: vscode.MarkdownString, entry: GlossaryEntry, matched: string | undefined, glossary: GlossaryService, scope?: vscode.Uri): void {
  const cat = glossary.current.glossary.categories.find((c) => c.name === entry.category);
  heading(md, entry.term, entry.category, cat?.description);
  const def = entry.definition.trim();
  md.appendMarkdown(def ? sanitizeDefinition(def) : `_${escapeMarkdown(vscode.l10n.t('No definition yet.'))}_`);
  md.appendMarkdown('\n\n---\n\n');
  if (matched && matched.replace(/\s+/g, '') !== entry.term.replace(/\s+/g, '')) {
    field(md, vscode.l10n.t('Matched alias'), escapeMarkdown(matched));
  }
  if (entry.aliases.length) field(md, vscode.l10n.t('Aliases'), entry.aliases.map(escapeMarkdown).join(vscode.l10n.t(', ')));
  if (entry.source) field(md, vscode.l10n.t('Source'), escapeMarkdown(entry.source));
  if (entry.seeAlso.length) field(md, vscode.l10n.t('See also'), entry.seeAlso.map(escapeMarkdown).join(vscode.l10n.t(', ')));
  // Where a learned suggestion comes from; its file name and author are anyone's text: escaped.
  if (entry.learned) field(md, vscode.l10n.t('Learned'), escapeMarkdown(describeLearned(entry.learned, scope && defaultAuthor(scope))));
  const uri = glossary.uriOf(entry.origin.file);
  const where = `${entry.origin.file}:${entry.origin.line}`;
  if (uri) field(md, vscode.l10n.t('Glossary'), `[${escapeMarkdown(where)}](${uri.with({ fragment: `L${entry.origin.line},${entry.origin.column}` }).toString()})`);
  else field(md, vscode.l10n.t('Glossary'), escapeMarkdown(entry.origin.file.startsWith('(bundled)') ? vscode.l10n.t('bundled default ({0})', entry.origin.file.replace(/^\(bundled\)\s*/, '')) : where));
}

/** The hover of a define-only glossary entry (`show: hover`) where it occurs untagged. */
export function buildReferenceHover(text: string, entry: GlossaryEntry, glossary: GlossaryService, scope?: vscode.Uri): vscode.MarkdownString {
  const md = newMarkdown();
  appendEntry(md, entry, text, glossary, scope);
  field(md, vscode.l10n.t('Note'), escapeMarkdown(vscode.l10n.t('defined only: the glossary explains it but does not tag it')));
  return md;
}

export function buildHover(
  text: string,
  s: ViewSpan,
  glossary: GlossaryService,
  scope?: vscode.Uri,
): vscode.MarkdownString {
  const md = newMarkdown();
  const surface = collapseSpace(text);
  const span = s.span;
  const entry: GlossaryEntry | undefined = span?.entry;
  if (entry) {
    appendEntry(md, entry, span?.matched, glossary, scope);
  } else if (s.label === 'NUM' && (span?.value ?? s.value)) {
    const value = (span?.value ?? s.value)!;
    heading(md, kindName(value.kind), 'NUM');
    md.appendMarkdown(escapeMarkdown(describeNumber(surface, value)) + '\n\n');
  } else {
    heading(md, surface, s.label);
    if (span?.reason) field(md, vscode.l10n.t('Found by rule'), `${escapeMarkdown(describeReason(span.reason))} (\`${span.reason.replace(/`/g, '')}\`)`);
    else if (span?.origin === 'quote') field(md, vscode.l10n.t('Found by rule'), escapeMarkdown(describeReason('quote')));
  }
  if (span?.optional) field(md, vscode.l10n.t('Note'), escapeMarkdown(vscode.l10n.t('optional: annotators may go either way on this span')));
  const who = [s.author, s.time ? s.time.slice(0, 16).replace('T', ' ') : undefined].filter(Boolean).join(', ');
  field(md, vscode.l10n.t('State'), escapeMarkdown(who ? `${stateName(s.state)} (${who})` : stateName(s.state)));
  return md;
}

export class SpanHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly tagger: Tagger,
    private readonly glossary: GlossaryService,
    private readonly enabledFor: (doc: vscode.TextDocument) => boolean,
    private readonly shown: (doc: vscode.TextDocument, label: string) => boolean,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.enabledFor(doc)) return undefined;
    await this.glossary.ensureStarted();
    const spans = this.tagger.spans(doc);
    const offset = doc.offsetAt(pos);
    const i = spanIndexAt(spans, offset);
    if (i < 0) return this.referenceHover(doc, offset);
    if (!this.shown(doc, spans[i].label)) return undefined;
    const s = spans[i];
    const range = new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end));
    return new vscode.Hover(buildHover(doc.getText(range), s, this.glossary, doc.uri), range);
  }

  /** Where no span is, a define-only glossary surface (found in a window around the position). */
  private referenceHover(doc: vscode.TextDocument, offset: number): vscode.Hover | undefined {
    const index = this.glossary.current.references;
    if (index.lengths.length === 0) return undefined;
    const reach = 3 * index.lengths[0]; // whitespace (PDF line breaks) may sit inside a surface
    const from = Math.max(0, offset - reach);
    const window = doc.getText(new vscode.Range(doc.positionAt(from), doc.positionAt(offset + reach)));
    const hit = referenceAt(index, window, offset - from);
    if (!hit || !this.shown(doc, hit.entry.category)) return undefined;
    const range = new vscode.Range(doc.positionAt(from + hit.start), doc.positionAt(from + hit.end));
    return new vscode.Hover(buildReferenceHover(doc.getText(range), hit.entry, this.glossary, doc.uri), range);
  }
}
