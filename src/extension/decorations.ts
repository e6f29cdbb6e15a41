// One decoration type per label and state. Built-in labels take their colours from
// contributes.colors (themable; light, dark and high-contrast defaults); custom glossary
// categories from the colour the glossary declares. Suggestions (auto) have a dashed underline
// and a faint background, accepted spans a solid background, manual spans a solid background and
// a frame, rejected spans are struck through.
import * as vscode from 'vscode';
import type { AnnotationState } from '../core/annotations/model';
import type { CategoryDef } from '../core';
import { fallbackColor, withAlpha } from './present';
import type { ViewSpan } from './tagger';

export const BUILTIN_LABELS = ['NUM', 'ORG', 'TERM'] as const;
export const STATES: readonly AnnotationState[] = ['auto', 'accepted', 'manual', 'rejected'];

interface Palette {
  border: string | vscode.ThemeColor;
  suggestion: string | vscode.ThemeColor;
  solid: string | vscode.ThemeColor;
  ruler: string | vscode.ThemeColor;
}

export function paletteFor(label: string, categories: readonly CategoryDef[]): Palette {
  if ((BUILTIN_LABELS as readonly string[]).includes(label)) {
    const id = label.toLowerCase();
    return {
      border: new vscode.ThemeColor(`policyAnnotator.${id}Border`),
      suggestion: new vscode.ThemeColor(`policyAnnotator.${id}SuggestionBackground`),
      solid: new vscode.ThemeColor(`policyAnnotator.${id}Background`),
      ruler: new vscode.ThemeColor(`policyAnnotator.${id}OverviewRuler`),
    };
  }
  const declared = categories.find((c) => c.name === label)?.color;
  const base = (declared && withAlpha(declared, 1)) || withAlpha(fallbackColor(label), 1)!;
  return { border: base, suggestion: withAlpha(base, 0.15)!, solid: withAlpha(base, 0.3)!, ruler: base };
}

function renderOptions(p: Palette, state: AnnotationState, ruler: boolean): vscode.DecorationRenderOptions {
  const rulerOpts = ruler && state !== 'rejected' ? { overviewRulerColor: p.ruler, overviewRulerLane: vscode.OverviewRulerLane.Right } : {};
  const base = { rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed, ...rulerOpts };
  switch (state) {
    case 'auto':
      return { ...base, backgroundColor: p.suggestion, borderColor: p.border, borderStyle: 'none none dashed none', borderWidth: '0 0 2px 0' };
    case 'accepted':
      return { ...base, backgroundColor: p.solid, borderColor: p.border, borderStyle: 'none none solid none', borderWidth: '0 0 2px 0' };
    case 'manual':
      return { ...base, backgroundColor: p.solid, borderColor: p.border, borderStyle: 'solid', borderWidth: '1px', borderRadius: '2px' };
    case 'rejected':
      return { ...base, textDecoration: 'line-through', color: new vscode.ThemeColor('policyAnnotator.rejectedForeground') };
  }
}

export interface AppliedDecoration {
  label: string;
  state: AnnotationState;
  ranges: vscode.Range[];
}

export class Decorator implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  /** What was last applied per document (for the test API and for clearing). */
  private readonly applied = new Map<string, Map<string, AppliedDecoration>>();
  private categories: readonly CategoryDef[] = [];
  private ruler = true;

  /** Sets the styling inputs; recreates the decoration types when they changed. Returns true if recreated. */
  configure(categories: readonly CategoryDef[], ruler: boolean): boolean {
    const sig = (cs: readonly CategoryDef[]) => cs.map((c) => `${c.name}=${c.color ?? ''}`).join(',');
    if (sig(categories) === sig(this.categories) && ruler === this.ruler && this.types.size > 0) return false;
    this.categories = categories;
    this.ruler = ruler;
    for (const t of this.types.values()) t.dispose(); // disposing removes them from editors
    this.types.clear();
    this.applied.clear();
    return true;
  }

  private typeFor(label: string, state: AnnotationState): vscode.TextEditorDecorationType {
    const key = `${label}|${state}`;
    let t = this.types.get(key);
    if (!t) {
      t = vscode.window.createTextEditorDecorationType(renderOptions(paletteFor(label, this.categories), state, this.ruler));
      this.types.set(key, t);
    }
    return t;
  }

  /** Applies spans to the editors of one document; labels for which `shown` is false are left out. */
  apply(editors: readonly vscode.TextEditor[], spans: readonly ViewSpan[], shown: (label: string) => boolean): void {
    if (editors.length === 0) return;
    const doc = editors[0].document;
    const byKey = new Map<string, AppliedDecoration>();
    for (const s of spans) {
      if (!shown(s.label)) continue;
      const key = `${s.label}|${s.state}`;
      let a = byKey.get(key);
      if (!a) byKey.set(key, (a = { label: s.label, state: s.state, ranges: [] }));
      a.ranges.push(new vscode.Range(doc.positionAt(s.start), doc.positionAt(s.end)));
    }
    const uri = doc.uri.toString();
    const before = this.applied.get(uri);
    for (const editor of editors) {
      // Clear the types used before and not now, then set the current ones.
      if (before) for (const [key, a] of before) if (!byKey.has(key)) editor.setDecorations(this.typeFor(a.label, a.state), []);
      for (const a of byKey.values()) editor.setDecorations(this.typeFor(a.label, a.state), a.ranges);
    }
    this.applied.set(uri, byKey);
  }

  clear(editors: readonly vscode.TextEditor[]): void {
    this.apply(editors, [], () => false);
  }

  /** Decorations last applied to a document, one entry per decoration type in use. */
  appliedTo(uri: vscode.Uri): AppliedDecoration[] {
    return [...(this.applied.get(uri.toString())?.values() ?? [])].map((a) => ({ ...a, ranges: [...a.ranges] }));
  }

  forget(uri: vscode.Uri): void {
    this.applied.delete(uri.toString());
  }

  dispose(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
  }
}
