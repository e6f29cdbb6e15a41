// Building the glossary matcher's automaton (used by matcher.ts, which scans with it): the
// layout of a compiled automaton, and its construction in steps that a caller may run in slices.
// Split from the scanning so that each half reads on its own; the contract is in matcher.ts.
import type { Steps } from '../steps';
import { SKIPPABLE_SPACES, isSkippableSpace } from '../text/char-class';
import { simplifiedUnit, traditionalUnits } from '../text/fold-traditional';

export interface MatcherOptions {
  foldWidth: boolean;
  foldCase: boolean;
}

const IDEOGRAPHIC_COMMA = 0x3001; // 、
const FULLWIDTH_COMMA = 0xff0c; // ，

export function foldChar(c: number, o: MatcherOptions): number {
  c = simplifiedUnit(c); // 國 is 国 whatever the file asks: script is not a matter of spelling
  // A formula's parts are set off by 、 or by ，(解放思想、实事求是 / 解放思想，实事求是): one entry.
  if (c === FULLWIDTH_COMMA) c = IDEOGRAPHIC_COMMA;
  if (o.foldWidth && c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  if (o.foldCase && c >= 0x41 && c <= 0x5a) c += 0x20;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Layout

/** Ints per state in `cells`: [base, check, fail, out]. Interleaved so one step of the
 *  automaton touches one cache line: the check of the target and its base/out sit together. */
export const STRIDE = 4;
export const ROOT = 0;
/** sym of a skippable space. Symbols number at most 65,536 − 8 (the spaces never get one). */
export const SPACE = 0xffff;
/** check value of a free cell (no parent can have this id; state ids are multiples of STRIDE). */
const FREE = -1;

export interface Automaton {
  /** code unit → symbol (1 …); 0: in no pattern (resets the automaton); SPACE: skippable space.
   *  16 bits, not 32: the table is read for every unit of the text, and CJK text touches it at
   *  thousands of scattered places, so its size in cache lines is what the scan pays for. */
  readonly sym: Uint16Array;
  /** Per state s (an offset, multiple of STRIDE): base (× STRIDE), check (parent offset), fail
   *  (offset), out (offset of the state naming the longest pattern that is a suffix of s, or 0). */
  readonly cells: Int32Array;
  /** By state index (offset / STRIDE): pattern id of a terminal state; its length in symbols. */
  readonly term: Int32Array;
  readonly len: Int32Array;
  /** Longest pattern, in symbols (0 when nothing can match). */
  readonly maxLen: number;
}


// ---------------------------------------------------------------------------------------------
// Construction: reversed folded keys → trie (hashed edges, then flat arrays in breadth-first
// order) → double-array placement (widest nodes first) → failure and output links.

/** Iterations of a construction loop between two yields (a few milliseconds of work). */
const STEP = 1 << 14;

export function* automatonSteps(patterns: readonly string[], o: MatcherOptions, scratch: Scratch): Steps<Automaton> {
  const { trie, used, nSym, maxLen } = yield* trieSteps(patterns, o, scratch);
  // Text unit → symbol: each symbol's unit and the units that fold to it (no 65,536-step loop:
  // recognizers compile small matchers per document, so compiling must be cheap).
  const sym = new Uint16Array(65536);
  for (let i = 0; i < used.length; i++) {
    const u = used[i];
    const y = i + 1;
    sym[u] = y;
    for (const t of traditionalUnits(u)) sym[t] = y;
    if (u === IDEOGRAPHIC_COMMA) sym[FULLWIDTH_COMMA] = y;
    const lower = o.foldCase && u >= 0x61 && u <= 0x7a;
    if (lower) sym[u - 0x20] = y;
    if (o.foldWidth && u >= 0x21 && u <= 0x7e) {
      sym[u + 0xfee0] = y;
      if (lower) sym[u - 0x20 + 0xfee0] = y;
    }
  }
  for (const c of SKIPPABLE_SPACES) sym[c] = SPACE;
  const placed = yield* placeSteps(trie, nSym);
  return { sym, maxLen, ...(yield* linkSteps(trie, placed)) };
}

/** The trie of the reversed keys as flat arrays in breadth-first order; node 0 is the root. The
 *  children of a node are consecutive nodes [first[n], first[n] + count[n]). */
interface Trie {
  size: number;
  /** Symbol on the edge into the node. */
  sym: Int32Array;
  parent: Int32Array;
  first: Int32Array;
  count: Int32Array;
  /** Pattern id ending at the node, or -1; depth of the node (its length in symbols). */
  term: Int32Array;
  depth: Int32Array;
}

/** Per-unit scratch tables of a compilation, left all zero after it (only the entries it touched
 *  are cleared). */
export interface Scratch {
  unitCount: Float64Array;
  unitRootChild: Int32Array;
  unitSym: Int32Array;
}

export function scratchTables(): Scratch {
  return { unitCount: new Float64Array(65536), unitRootChild: new Int32Array(65536), unitSym: new Int32Array(65536) };
}

// Shared by all compilations run straight through: recognizers compile small matchers per
// document, and fresh 65,536-entry tables per compilation would cost more than the compilation.
export const SHARED_SCRATCH = scratchTables();

/** Inserts every key (folded, whitespace removed, reversed: the automaton reads text backwards)
 *  through one open-addressing hash of (node, unit) → child: no per-node objects, no sorting.
 *  Then symbols are numbered by frequency and the nodes renumbered breadth-first. */
function* trieSteps(patterns: readonly string[], o: MatcherOptions, scratch: Scratch): Steps<{ trie: Trie; used: number[]; nSym: number; maxLen: number }> {
  const used: number[] = []; // distinct folded units, in order of first appearance
  try {
    return yield* trieStepsWith(patterns, o, used, scratch);
  } finally {
    const { unitCount, unitRootChild, unitSym } = scratch;
    for (const u of used) unitCount[u] = unitRootChild[u] = unitSym[u] = 0;
  }
}

function* trieStepsWith(patterns: readonly string[], o: MatcherOptions, used: number[], scratch: Scratch): Steps<{ trie: Trie; used: number[]; nSym: number; maxLen: number }> {
  const { unitCount, unitRootChild, unitSym } = scratch;
  let total = 1;
  for (const p of patterns) total += p.length;
  const unitOf = new Int32Array(total);
  const parentOf = new Int32Array(total);
  const depthOf = new Int32Array(total);
  const termOf = new Int32Array(total); // pattern id + 1; 0: none
  // The root's children are found through unitRootChild (every key passes there); deeper edges
  // through a hash whose entries [node + 1, unit, child, -] share a cache line (0: empty slot).
  const bits = Math.max(4, 32 - Math.clz32(Math.ceil(total * 1.5))); // load factor ≤ 2/3
  const mask = (1 << bits) - 1;
  const hash = new Int32Array((mask + 1) * 4);
  let nodes = 1;
  const childOf = (n: number, u: number, d: number): number => {
    let e = -1;
    if (n === ROOT) {
      const c = unitRootChild[u];
      if (c !== 0) return c;
    } else {
      for (let h = Math.imul((n * 65599 + u) | 0, 0x9e3779b1) >>> (32 - bits); ; h = (h + 1) & mask) {
        e = h << 2;
        if (hash[e] === 0) break;
        if (hash[e] === n + 1 && hash[e + 1] === u) return hash[e + 2];
      }
    }
    const c = nodes++;
    if (e < 0) unitRootChild[u] = c;
    else { hash[e] = n + 1; hash[e + 1] = u; hash[e + 2] = c; }
    unitOf[c] = u; parentOf[c] = n; depthOf[c] = d + 1;
    return c;
  };
  let maxLen = 0;
  for (let id = 0; id < patterns.length; id++) {
    if ((id & (STEP - 1)) === STEP - 1) yield;
    const p = patterns[id];
    let n = ROOT;
    let d = 0;
    for (let i = p.length - 1; i >= 0; i--) {
      let u = p.charCodeAt(i);
      if (isSkippableSpace(u)) continue;
      u = foldChar(u, o);
      if (unitCount[u]++ === 0) used.push(u);
      n = childOf(n, u, d++);
    }
    if (d > 0 && termOf[n] === 0) termOf[n] = id + 1; // duplicates: the lowest id stays
    if (d > maxLen) maxLen = d;
  }

  // Symbols by descending frequency: common characters get small codes, which packs the double
  // array tighter (children of busy nodes cluster near their base).
  used.sort((x, y) => unitCount[y] - unitCount[x] || x - y);
  for (let i = 0; i < used.length; i++) unitSym[used[i]] = i + 1;

  // Children lists (CSR by parent), then breadth-first renumbering.
  const start = new Int32Array(nodes + 1);
  for (let m = 1; m < nodes; m++) start[parentOf[m] + 1]++;
  for (let n = 0; n < nodes; n++) start[n + 1] += start[n];
  const fill = start.slice(0, nodes);
  const kids = new Int32Array(Math.max(1, nodes - 1));
  for (let m = 1; m < nodes; m++) kids[fill[parentOf[m]]++] = m;
  const t: Trie = {
    size: nodes,
    sym: new Int32Array(nodes),
    parent: new Int32Array(nodes),
    first: new Int32Array(nodes),
    count: new Int32Array(nodes),
    term: new Int32Array(nodes),
    depth: new Int32Array(nodes),
  };
  const oldOf = new Int32Array(nodes); // BFS position → insertion id
  let tail = 1;
  for (let k = 0; k < nodes; k++) {
    const old = oldOf[k];
    t.sym[k] = unitSym[unitOf[old]];
    t.term[k] = termOf[old] - 1;
    t.depth[k] = depthOf[old];
    t.first[k] = tail;
    t.count[k] = start[old + 1] - start[old];
    for (let j = start[old]; j < start[old + 1]; j++) {
      t.parent[tail] = k;
      oldOf[tail++] = kids[j];
    }
  }
  return { trie: t, used, nSym: used.length, maxLen };
}

interface Placement {
  nodeBase: Int32Array;
  nodeCell: Int32Array;
  /** Cells the lookups can reach: base + symbol stays below this for every state and symbol. */
  cells: number;
}

/** Chooses every node's base, widest nodes first: they need many free cells at fixed distances
 *  and find them easily while the array is empty; single-child nodes then fill the holes. */
function* placeSteps(t: Trie, nSym: number): Steps<Placement> {
  const free = new FreeCells(Math.ceil(t.size * 1.3) + nSym + 1);
  const nodeBase = new Int32Array(t.size);
  // counting sort of inner nodes by child count, descending
  let maxCount = 0;
  for (let n = 0; n < t.size; n++) if (t.count[n] > maxCount) maxCount = t.count[n];
  const bucket = new Int32Array(maxCount + 2);
  for (let n = 0; n < t.size; n++) bucket[maxCount - t.count[n]]++;
  for (let k = 0, acc = 0; k <= maxCount + 1; k++) { const c = bucket[k]; bucket[k] = acc; acc += c; }
  const byWidth = new Int32Array(t.size);
  for (let n = 0; n < t.size; n++) byWidth[bucket[maxCount - t.count[n]]++] = n;

  free.take(ROOT);
  let low = 1; // crowding heuristic for multi-child nodes (see below)
  let maxBase = 0;
  for (let k = 0; k < t.size; k++) {
    if ((k & (STEP - 1)) === STEP - 1) yield;
    const n = byWidth[k];
    const g = t.count[n];
    if (g === 0) break; // leaves: base stays 0, which can never lead to a child
    const f = t.first[n];
    let minSym = Infinity;
    for (let c = f; c < f + g; c++) if (t.sym[c] < minSym) minSym = t.sym[c];
    const base = free.findBase(t.sym, f, g, minSym, g === 1 ? 1 : low);
    // Darts' heuristic: when a multi-child node had to skip many holes, the front is too
    // crowded for such nodes; the next ones start searching where this one landed.
    if (g > 1 && free.tries > 256) low = base + minSym;
    nodeBase[n] = base;
    if (base > maxBase) maxBase = base;
    for (let c = f; c < f + g; c++) free.take(base + t.sym[c]);
  }
  // A child sits at its parent's base + its symbol; the root is cell 0.
  const nodeCell = new Int32Array(t.size);
  for (let n = 1; n < t.size; n++) nodeCell[n] = nodeBase[t.parent[n]] + t.sym[n];
  return { nodeBase, nodeCell, cells: Math.max(free.top, maxBase + nSym) + 1 };
}

/** Writes the interleaved cells, then failure and output links in breadth-first order (a
 *  node's failure target is shallower, so its links are final when they are followed). */
function* linkSteps(t: Trie, p: Placement): Steps<Pick<Automaton, 'cells' | 'term' | 'len'>> {
  const { nodeBase, nodeCell } = p;
  const cells = new Int32Array(p.cells * STRIDE);
  const term = new Int32Array(p.cells);
  const len = new Int32Array(p.cells);
  for (let i = 1; i < STRIDE * p.cells; i += STRIDE) cells[i] = FREE;
  for (let n = 0; n < t.size; n++) {
    const c = nodeCell[n] * STRIDE;
    cells[c] = nodeBase[n] * STRIDE;
    cells[c + 1] = n === ROOT ? ROOT_CHECK : nodeCell[t.parent[n]] * STRIDE;
    if (t.term[n] >= 0) {
      term[nodeCell[n]] = t.term[n];
      len[nodeCell[n]] = t.depth[n];
    }
  }
  yield;
  for (let n = 1; n < t.size; n++) {
    if ((n & (STEP - 1)) === 0) yield;
    const par = t.parent[n];
    const y = t.sym[n] * STRIDE;
    const c = nodeCell[n] * STRIDE;
    let f = ROOT;
    if (par !== ROOT) {
      // the longest proper suffix (of the reversed key) that is also a trie path
      let r = cells[nodeCell[par] * STRIDE + 2];
      for (;;) {
        const u = cells[r] + y;
        if (cells[u + 1] === r) { f = u; break; }
        if (r === ROOT) break;
        r = cells[r + 2];
      }
    }
    cells[c + 2] = f;
    cells[c + 3] = t.term[n] >= 0 ? c : cells[f + 3];
  }
  return { cells, term, len };
}

/** check of the root: distinct from FREE and from every state, so nothing is its parent. */
const ROOT_CHECK = -2;

/** Free cells of the double array under construction: union–find "next free cell at or after
 *  i" (a cell is free iff next[i] === i), so placement skips full stretches in O(α). */
class FreeCells {
  private next: Int32Array;
  private cap: number;
  /** Highest taken cell. */
  top = 0;
  /** Failed placements of the last findBase (drives the crowding heuristic). */
  tries = 0;

  constructor(cap: number) {
    this.cap = cap;
    this.next = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.next[i] = i;
  }

  private grow(min: number): void {
    const cap = Math.max(min, Math.ceil(this.cap * 1.5));
    const next = new Int32Array(cap);
    next.set(this.next);
    for (let i = this.cap; i < cap; i++) next[i] = i;
    this.next = next;
    this.cap = cap;
  }

  firstFree(i: number): number {
    const next = this.next;
    let r = i;
    while (r < this.cap && next[r] !== r) r = next[r];
    while (i < r) { // path compression
      const n = next[i];
      next[i] = r;
      i = n;
    }
    return r;
  }

  isFree(i: number): boolean {
    return i >= this.cap || this.next[i] === i;
  }

  take(i: number): void {
    if (i >= this.cap) this.grow(i + 1);
    this.next[i] = i + 1;
    if (i > this.top) this.top = i;
  }

  /** Smallest base ≥ max(0, low - minSym) such that base + sym is free for every child
   *  (children are syms[from .. from + n)). */
  findBase(syms: Int32Array, from: number, n: number, minSym: number, low: number): number {
    let pos = this.firstFree(Math.max(minSym, low));
    let tries = 0;
    for (;;) {
      const base = pos - minSym;
      let ok = true;
      for (let k = from; k < from + n; k++) {
        if (!this.isFree(base + syms[k])) { ok = false; break; }
      }
      if (ok) {
        this.tries = tries;
        return base;
      }
      tries++;
      pos = this.firstFree(pos + 1);
    }
  }
}
