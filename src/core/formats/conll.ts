// Character-level CoNLL with BIO tags (export only), one file per document (DOC.conll):
//   南<TAB>B-ORG
//   瑞<TAB>I-ORG
//   …
//   <blank line between sentences>
// One line per Unicode code point (an emoji or 𠀀 is one line, never two surrogate halves).
//
// Sentences end after 。！？ and at line ends — but never inside a span, so an entity broken
// by a PDF line break (上汽大 / 众) stays one B-…I-… run.
//
// Whitespace rule: whitespace characters are not written at all — CoNLL readers split columns
// and lines on whitespace, so a line holding a space or U+3000 would break the grid. "Whitespace"
// is everything Python's str.isspace() or JavaScript's \s accepts (which covers every character
// Python's readline() treats as a line end). A span with whitespace inside ("646 家") thus
// continues across the gap: 6 B-NUM, 4 I-NUM, 6 I-NUM, 家 I-NUM.
//
// BIO cannot express overlapping spans; when imported data has them, the earlier (then longer)
// span is kept and the other reported as a warning (offsets in code points, like every file and
// doc). Nor can it hold review states or number values: the export summary says so.
//
// Each file starts with the line `-DOCSTART- -X- O O`, CoNLL-2003's document delimiter: spaCy's
// `spacy convert` looks for exactly that string (else it warns "No document delimiters found"
// and groups sentences by tens), NLTK's ConllCorpusReader drops a -DOCSTART- row at the top of a
// block, and the CoNLL-2003 loaders of Hugging Face datasets skip it. It is written directly
// above the first sentence, not as a block of its own, so NLTK does not see an empty sentence.
//
// Labels outside [A-Za-z0-9_-] (from other tools: `Person Name`) are written with encodeLabel.
import {
  selectAnnotations, countLabels, encodeLabel,
  type Exporter, type ExportDocument, type ExportOptions, type DocumentOutput,
} from './common';
import type { Annotation } from '../annotations/model';
import { OffsetMap } from '../text/offsets';

/** The document delimiter line spaCy's conll-ner converter splits on (CoNLL-2003's). */
export const CONLL_DOCSTART = '-DOCSTART- -X- O O';

/** What CoNLL cannot hold, for the export summary. */
export const CONLL_SUMMARY_NOTE = 'CoNLL holds labels only: review states (manual, accepted, suggestion) and number values are not in the files';

/** Whitespace for the CoNLL rule: JS \s plus what only Python counts (U+001C–U+001F, U+0085). */
export function isConllWhitespace(ch: string): boolean {
  return /^[\s\u001c-\u001f\u0085]$/u.test(ch);
}

const SENTENCE_END = new Set(['。', '！', '？']);
const LINE_END = /^[\n\r\u2028\u2029\u0085\u000b\u000c\u001c-\u001e]$/;

export function toConll(doc: ExportDocument, options: ExportOptions = {}): { conll: string; warnings: string[]; written: Annotation[] } {
  const warnings: string[] = [];
  // Non-overlapping spans, earliest first (longest first at the same start).
  const sorted = selectAnnotations(doc, options).sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
  const spans: Annotation[] = [];
  const map = new OffsetMap(doc.text);
  const at = (a: Annotation) => `${a.label} [${map.toCodePoint(a.start)}, ${map.toCodePoint(a.end)})`;
  for (const s of sorted) {
    const prev = spans[spans.length - 1];
    if (prev && s.start < prev.end) {
      warnings.push(`${doc.id}: ${at(s)} overlaps ${at(prev)}, which is kept; BIO cannot hold both, so ${at(s)} is not written (offsets in code points)`);
      continue;
    }
    spans.push(s);
  }

  const text = doc.text;
  const out: string[] = [CONLL_DOCSTART];
  let sentenceHasTokens = false;
  let k = 0; // index of the first span not ended before i
  let begun = false; // whether the current span's B- was written
  const endSentence = () => {
    if (sentenceHasTokens) out.push('');
    sentenceHasTokens = false;
  };
  for (let i = 0; i < text.length; ) {
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    const at = i;
    i += cp.length;
    while (k < spans.length && spans[k].end <= at) {
      k++;
      begun = false;
    }
    const span = k < spans.length && spans[k].start <= at ? spans[k] : undefined;
    if (LINE_END.test(cp)) {
      if (!span) endSentence();
      continue;
    }
    if (isConllWhitespace(cp)) continue;
    let tag = 'O';
    if (span) {
      tag = `${begun ? 'I' : 'B'}-${encodeLabel(span.label)}`;
      begun = true;
    }
    out.push(`${cp}\t${tag}`);
    sentenceHasTokens = true;
    if (SENTENCE_END.has(cp) && !(span && span.end > i)) endSentence();
  }
  endSentence();
  return { conll: out.map((l) => l + '\n').join(''), warnings, written: spans };
}

export const conllExporter: Exporter = {
  name: 'conll',
  document(doc, options): DocumentOutput {
    const { conll, warnings, written } = toConll(doc, options);
    return { records: [], files: [{ path: `${doc.id}.conll`, content: conll }], warnings, spansPerLabel: countLabels(written) };
  },
  collection() {
    return [];
  },
};

/** Spans read back from BIO lines, as [label, text] pairs in order (tests and sanity checks). */
export function conllEntities(conll: string): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  let cur: { label: string; text: string } | undefined;
  for (const line of conll.split('\n')) {
    if (line === CONLL_DOCSTART) continue;
    const [ch, tag] = line.split('\t');
    if (!line || tag === 'O' || tag === undefined) {
      cur = undefined;
      continue;
    }
    if (tag.startsWith('B-') || !cur || tag.slice(2) !== cur.label) {
      cur = { label: tag.slice(2), text: ch };
      out.push(cur);
    } else cur.text += ch;
  }
  return out;
}
