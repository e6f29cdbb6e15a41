// Exact-match span scoring, identical to ../shared/corpus/score.py: (start, end, label) in code
// points; gold spans marked optional are neither credited nor penalized.

export interface ScoredSpan {
  start: number;
  end: number;
  label: string;
  optional?: boolean;
}
export interface ScoredDoc {
  id: string;
  text?: string;
  spans: ScoredSpan[];
}
export interface ScoreRow {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

export function score(gold: readonly ScoredDoc[], pred: readonly ScoredDoc[]): Record<string, ScoreRow> {
  const predById = new Map(pred.map((d) => [String(d.id), d]));
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const key = (s: ScoredSpan) => `${s.start}\u0000${s.end}\u0000${s.label}`;
  for (const g of gold) {
    const must = new Set(g.spans.filter((s) => !s.optional).map(key));
    const maybe = new Set(g.spans.filter((s) => s.optional).map(key));
    const got = new Map((predById.get(String(g.id))?.spans ?? []).map((s) => [key(s), s.label]));
    for (const [k, label] of got) if (!maybe.has(k)) inc(must.has(k) ? tp : fp, label);
    for (const s of g.spans) if (!s.optional && !got.has(key(s))) inc(fn, s.label);
  }
  const labels = [...new Set([...tp.keys(), ...fp.keys(), ...fn.keys()])].sort();
  const rows: Record<string, ScoreRow> = {};
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  for (const lab of [...labels, 'ALL']) {
    const t = lab === 'ALL' ? sum(tp) : tp.get(lab) ?? 0;
    const f_p = lab === 'ALL' ? sum(fp) : fp.get(lab) ?? 0;
    const f_n = lab === 'ALL' ? sum(fn) : fn.get(lab) ?? 0;
    const p = t + f_p ? t / (t + f_p) : 0;
    const r = t + f_n ? t / (t + f_n) : 0;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    rows[lab] = { tp: t, fp: f_p, fn: f_n, precision: round4(p), recall: round4(r), f1: round4(f) };
  }
  return rows;
}

/** The same table score.py prints. */
export function formatScoreTable(rows: Record<string, ScoreRow>): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (x: number) => x.toFixed(3).padStart(6);
  const int = (x: number) => String(x).padStart(4);
  const lines = [`${pad('label', 6)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   tp   fp   fn`];
  for (const [lab, v] of Object.entries(rows))
    lines.push(`${pad(lab, 6)} ${num(v.precision)} ${num(v.recall)} ${num(v.f1)} ${int(v.tp)} ${int(v.fp)} ${int(v.fn)}`);
  return lines.join('\n');
}
