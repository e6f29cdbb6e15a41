// Shared vocabulary of the engine. Offsets inside core are UTF-16 code unit offsets into a JS
// string (what String.prototype.slice and VS Code use); conversion to Unicode code points happens
// only at format/sidecar boundaries, through src/core/text/offsets.ts.

/** Built-in labels; glossaries may add custom categories (any upper-case identifier). */
export type BuiltinLabel = 'NUM' | 'ORG' | 'TERM';
export type Label = BuiltinLabel | (string & {});

export type NumberKind = 'quantity' | 'money' | 'percent' | 'date' | 'ordinal' | 'duration' | 'area' | 'level';
export type Approx = 'about' | 'over' | 'under' | 'at-least' | 'at-most';

/** The normalized reading of a NUM span. */
export interface NumberValue {
  /** Numeric value in the base unit (e.g. 元 for money, 平方米 for 万平方米 → ×1e4). For dates: the year (or first year of a range). */
  value: number;
  /** Upper bound for ranges (`20-30家`, `2015年—2021年`). */
  upper?: number;
  /** Base unit after magnitude words are folded in: 元, 家, %, 平方公里, 年, … ('' when none). */
  unit: string;
  kind: NumberKind;
  approx?: Approx;
  /** ISO-like date reading for dates: 2021-06-04, 2010-11, 2021 (with part-of-year suffix kept in `part`). */
  date?: string;
  /** Part of a period: 底, 上半年, 一季度 … */
  part?: string;
}

/** Where an automatic span came from; used by hovers ("why was this found?") and overlap priority. */
export type SpanOrigin = 'glossary' | 'rule' | 'quote' | 'manual';

export interface Span {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  label: Label;
  origin: SpanOrigin;
  /** NUM only. */
  value?: NumberValue;
  /** Glossary hit: the entry and the surface form (term or alias) that matched. */
  entry?: GlossaryEntry;
  matched?: string;
  /** Rule hit: a short machine-readable reason, e.g. 'org-suffix:集团'. */
  reason?: string;
  /** Soft candidates (e.g. 五大) that careful annotators could go either way on. */
  optional?: boolean;
}

export interface GlossaryEntry {
  term: string;
  category: Label;
  aliases: string[];
  definition: string;
  source?: string;
  seeAlso: string[];
  /** Where the entry was defined (for hovers and diagnostics). */
  origin: { file: string; line: number; column: number };
  /** How its term and aliases are matched, when its glossary file asks for other than the
   *  default (Latin case ignored, full-width forms folded): `matching:` in the file. */
  match?: { foldCase: boolean; foldWidth: boolean };
  /** Set on entries of a learned glossary (src/core/learning/): the decision it was learned
   *  from, so a hover can say where a learned suggestion comes from. */
  learned?: LearnedProvenance;
  /** `show: hover` in the glossary: the entry is explained on hover where it occurs but never
   *  tagged (not highlighted, exported or counted), src/core/glossary/reference.ts. */
  defineOnly?: true;
}

/** What an annotator did that taught an entry (docs/learning.md). */
export type LearnedAction = 'tagged' | 'accepted' | 'relabeled' | 'reboundaried' | 'rejected';

/** Where a learned entry or rejection comes from: the first decision that taught it, and how
 *  many decisions have taught it since (re-learning counts, it does not rewrite the origin, so
 *  the file stays stable under git). */
export interface LearnedProvenance {
  /** The document the decision was taken in (as the caller names it: workspace-relative path). */
  file: string;
  action: LearnedAction;
  author?: string;
  /** ISO 8601. */
  time?: string;
  count: number;
}

/** A surface a glossary rejects for a label (the `rejected:` list; docs/learning.md): no
 *  glossary surface, rule or quote span of exactly this surface and label is suggested. */
export interface GlossaryRejection {
  /** The surface, whitespace removed. */
  term: string;
  category: Label;
  learned?: LearnedProvenance;
  origin: { file: string; line: number; column: number };
}

/** A located problem in user input (glossary, sidecar, import file). Lines and columns are 1-based. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'warning';
}

/** A text edit in UTF-16 offsets of the text before it: [start, end) is replaced by newText. The
 *  one shape for every edit in the core (annotations follow it, the engine re-tags after it) and
 *  the offset form of VS Code's content changes, so the editor passes its changes through as is. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}
