// The words around a number that say how exact it is, read into its value's `approx`: an infix
// (140多家 → over) and the qualifiers outside the span (超 5000 万元 → over; 2%左右 → about).
import type { NumberValue } from '../types';
import { AFTER, BEFORE } from './number-words';

export function withApprox(v: NumberValue, infix: string | undefined): NumberValue {
  if (infix === '多' || infix === '余' || infix === '几' || infix === '来') v.approx = infix === '来' ? 'about' : 'over';
  return v;
}

// Last characters of the qualifiers before a number, first characters of those after it: most
// numbers have none, and one lookup each says so.
const BEFORE_LAST = new Set(BEFORE.map(([w]) => w.charCodeAt(w.length - 1)));
const AFTER_FIRST = new Set(AFTER.map(([w]) => w.charCodeAt(0)));

/** Reads qualifiers around the span into value.approx (超 5000 万元 → over; 2%左右 → about). */
export function readQualifiers(s: string, start: number, end: number, v: NumberValue): void {
  if (BEFORE_LAST.has(s.charCodeAt(start - 1))) for (const [w, a] of BEFORE) if (s.startsWith(w, start - w.length)) { v.approx = a; break; }
  if (AFTER_FIRST.has(s.charCodeAt(end))) for (const [w, a] of AFTER) if (s.startsWith(w, end)) { v.approx = a; break; }
}
