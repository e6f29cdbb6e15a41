// The agreement report as a person reads it (`policy-annotator agree` without --json).
import type { AgreementReport, Disagreement, DisagreementSide } from './agreement';
import type { Alignment } from './align';

/** Everything `agree` reports: the figures, which sides and states, and what was not compared. */
export interface AgreementSummary extends AgreementReport {
  /** The two inputs as given; A is the reference. */
  a: string;
  b: string;
  states: string[];
  onlyA: Alignment['onlyA'];
  onlyB: Alignment['onlyB'];
  notes: Alignment['notes'];
}

const KIND_NAMES: Record<Disagreement['kind'], string> = {
  'only-a': 'only in A',
  'only-b': 'only in B',
  label: 'label differs',
  boundary: 'boundary differs',
  'label-boundary': 'label and boundary differ',
};

// Four decimals: the figures exactly as --json gives them (they are rounded once, in agreement.ts).
const fixed = (x: number | null) => (x === null ? 'n/a' : x.toFixed(4));
const flat = (s: string) => s.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ');

function sideText(name: string, s: DisagreementSide | undefined): string {
  return s ? `${name} ${s.label} [${s.start},${s.end}) ${flat(s.surface)}` : `${name} —`;
}

export function formatAgreement(r: AgreementSummary): string {
  const lines = [
    `A (reference): ${r.a}`,
    `B: ${r.b}`,
    `counted states: ${r.states.join(', ')} (rejected never)`,
    `documents compared: ${r.documents} (${r.characters} characters)`,
    `only in A: ${r.onlyA.length ? r.onlyA.join(', ') : 'none'}`,
    `only in B: ${r.onlyB.length ? r.onlyB.join(', ') : 'none'}`,
  ];
  for (const n of r.notes) lines.push(`note: ${n.document}: ${n.message}`);
  const w = Math.max(5, ...r.labels.map((l) => l.label.length));
  const int = (x: number) => String(x).padStart(5);
  const num = (x: number | null) => fixed(x).padStart(7);
  lines.push('', `${'label'.padEnd(w)}     A     B    tp    fp    fn       P       R      F1   kappa`);
  for (const l of r.labels) lines.push(`${l.label.padEnd(w)}${int(l.a)} ${int(l.b)} ${int(l.tp)} ${int(l.fp)} ${int(l.fn)} ${num(l.precision)} ${num(l.recall)} ${num(l.f1)} ${num(l.kappa)}`);
  lines.push('', `Cohen's kappa over ${r.characters} characters: ${fixed(r.kappa.kappa)} (observed agreement ${fixed(r.kappa.observed)}, chance ${fixed(r.kappa.expected)})`);
  if (r.overlapping.a || r.overlapping.b) {
    lines.push(`overlapping spans: ${r.overlapping.a} code point(s) in A, ${r.overlapping.b} in B (each takes the label of the longest span over it)`);
  }
  lines.push('', `disagreements: ${r.disagreements.length}`);
  for (const d of r.disagreements) {
    const where = d.context ? `  ${flat(d.context.before)}【${flat(d.context.text)}】${flat(d.context.after)}` : '';
    lines.push(`  ${d.document}  ${KIND_NAMES[d.kind].padEnd(25)}  ${sideText('A', d.a)}  |  ${sideText('B', d.b)}${where}`);
  }
  return lines.join('\n') + '\n';
}
