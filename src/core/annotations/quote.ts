// W3C Web Annotation TextQuoteSelector for a span: its exact text plus a few characters of
// context on each side. Context is counted in code points and never cuts a surrogate pair, so
// a quote written next to 𠀀 or an emoji is still valid UTF-8 when serialized.
import type { QuoteSelector } from './model';

/** Code points of context kept on each side (the W3C model leaves the length to the producer). */
export const QUOTE_CONTEXT = 8;

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** UTF-16 offset `n` code points before `u` (stops at 0). */
export function backCodePoints(text: string, u: number, n: number): number {
  let i = u;
  for (let k = 0; k < n && i > 0; k++) {
    i--;
    if (i > 0 && isLow(text.charCodeAt(i)) && isHigh(text.charCodeAt(i - 1))) i--;
  }
  return i;
}

/** UTF-16 offset `n` code points after `u` (stops at the end). */
export function forwardCodePoints(text: string, u: number, n: number): number {
  let i = u;
  for (let k = 0; k < n && i < text.length; k++) {
    i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  }
  return i;
}

/** The quote selector of the UTF-16 range [start, end) of `text`. */
export function quoteOf(text: string, start: number, end: number, context = QUOTE_CONTEXT): QuoteSelector {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(backCodePoints(text, start, context), start),
    suffix: text.slice(end, forwardCodePoints(text, end, context)),
  };
}
