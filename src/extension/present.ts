// Pure presentation helpers for the editor (no `vscode` import, so unit tests run them in Node):
// how a number value, a rule reason or a glossary definition is shown in a hover.
// Strings go through @vscode/l10n, which extension.ts configures with VS Code's bundle.
import * as l10n from '@vscode/l10n';
import type { LearnedProvenance, NumberValue } from '../core/types';

/** Rounds away binary floating-point noise (3272.01 × 1e8 → 327201000000) and groups digits. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Number(n.toPrecision(12));
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 8, useGrouping: true }).format(rounded);
}

function withUnit(num: string, unit: string): string {
  if (!unit) return num;
  if (unit === '%' || unit === '‰') return num + unit;
  return `${num} ${unit}`;
}

export function kindName(kind: NumberValue['kind']): string {
  switch (kind) {
    case 'quantity': return l10n.t('quantity');
    case 'money': return l10n.t('amount of money');
    case 'percent': return l10n.t('percentage');
    case 'date': return l10n.t('date');
    case 'ordinal': return l10n.t('rank or ordinal');
    case 'duration': return l10n.t('duration');
    case 'area': return l10n.t('area');
    case 'level': return l10n.t('scale level');
    default: return String(kind);
  }
}

function approxPhrase(approx: NonNullable<NumberValue['approx']>, amount: string): string {
  switch (approx) {
    case 'over': return l10n.t('more than {0}', amount);
    case 'under': return l10n.t('less than {0}', amount);
    case 'about': return l10n.t('about {0}', amount);
    case 'at-least': return l10n.t('at least {0}', amount);
    case 'at-most': return l10n.t('at most {0}', amount);
    default: return amount;
  }
}

/**
 * One line reading a NUM span: `3272.01 亿元 = 327,201,000,000 元`, `140 多家 → more than 140 家`,
 * `2015年—2021 年 = 2015–2021`, `2021年6月4日 = 2021-06-04`.
 * `surface` is the span's text with inner line breaks collapsed.
 */
export function describeNumber(surface: string, v: NumberValue): string {
  let amount: string;
  if (v.kind === 'date') {
    amount = v.date ?? (v.upper !== undefined ? `${v.value}–${v.upper}` : String(v.value));
    if (v.date && v.upper !== undefined) amount = `${v.date}–${v.upper}`;
    if (v.part) amount += ` (${v.part})`;
  } else {
    const core = v.upper !== undefined ? `${formatNumber(v.value)}–${formatNumber(v.upper)}` : formatNumber(v.value);
    amount = withUnit(core, v.unit);
  }
  if (v.approx) return `${surface} → ${approxPhrase(v.approx, amount)}`;
  return `${surface} = ${amount}`;
}

/** Human reading of a rule reason such as `org-suffix:集团`; unknown reasons are shown as they are. */
export function describeReason(reason: string): string {
  const i = reason.indexOf(':');
  const kind = i >= 0 ? reason.slice(0, i) : reason;
  const arg = i >= 0 ? reason.slice(i + 1) : '';
  switch (kind) {
    case 'org-suffix':
      return arg ? l10n.t('the name ends in the organization head “{0}”', arg) : l10n.t('the name ends in an organization head');
    case 'org-short':
    case 'org-abbrev':
      return arg ? l10n.t('short form of “{0}”', arg) : l10n.t('a short form of a known organization');
    case 'org-prefix':
      return arg ? l10n.t('the name starts with “{0}”', arg) : l10n.t('the name starts with an organization prefix');
    case 'org-factory':
      return l10n.t('a factory named by its place and what it makes');
    case 'quote':
      return l10n.t('a slogan in quotation marks');
    default:
      return reason;
  }
}

/** Collapses line breaks and runs of spaces that PDF extraction leaves inside a span. */
export function collapseSpace(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, '').replace(/[ \t\u3000]+/g, ' ').trim();
}

/** What a learned entry's provenance says, for the hover: "learned from 2023.txt, tagged by you
 *  on 2024-05-01 (3 decisions)". `you` is the current author, so one's own decisions read so.
 *  Plain text: the caller escapes it (file names and authors come from a file anyone can edit). */
export function describeLearned(p: LearnedProvenance, you?: string): string {
  const action = ((): string => {
    switch (p.action) {
      case 'tagged': return l10n.t('tagged');
      case 'accepted': return l10n.t('accepted');
      case 'relabeled': return l10n.t('relabeled');
      case 'reboundaried': return l10n.t('boundaries corrected');
      case 'rejected': return l10n.t('rejected');
    }
  })();
  const who = p.author === undefined ? undefined : you !== undefined && p.author === you ? l10n.t('you') : p.author;
  const did = who === undefined ? action : l10n.t('{0} by {1}', action, who);
  const when = p.time ? l10n.t('{0} on {1}', did, p.time.slice(0, 10)) : did;
  const text = l10n.t('learned from {0}, {1}', p.file, when);
  return p.count > 1 ? l10n.t('{0} ({1} decisions)', text, p.count) : text;
}

/**
 * Escapes text for literal display inside Markdown (what MarkdownString.appendText does), so a
 * term like `*重点*` or `[x](y)` from a glossary is shown, not interpreted.
 */
export function escapeMarkdown(s: string): string {
  let out = s.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]<>&|~!$]/g, (c) => '\\' + c);
  // Block markers only matter at the start of a line: headings, lists, quotes, rules.
  out = out.replace(/^(\s*)([#+\-=])/, '$1\\$2').replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2');
  return out;
}

/**
 * Glossary definitions are Markdown written by others: keep text, emphasis, lists and web links,
 * drop everything that could act or load on its own. The hover is also rendered untrusted
 * (isTrusted=false, supportHtml=false); this is the second fence.
 * - images become their alt text (no remote loads),
 * - links with a scheme other than http/https/mailto become their text (no command:, file:, data:),
 * - HTML tags are escaped and shown as text,
 * - autolinks `<scheme:...>` of other schemes are escaped.
 */
export function sanitizeDefinition(md: string): string {
  let out = md.replace(/\r\n?/g, '\n');
  // images: ![alt](url "title") and ![alt][ref]
  out = out.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/!\[([^\]]*)\]\[[^\]]*\]/g, '$1');
  // inline links with unsafe schemes
  out = out.replace(/\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g, (all, text: string, url: string) =>
    isSafeUrl(url) ? all : text,
  );
  // reference definitions: [id]: url
  out = out.replace(/^\s{0,3}\[[^\]]+\]:\s*(\S+).*$/gm, (all, url: string) => (isSafeUrl(url) ? all : ''));
  // HTML: escape every tag-looking thing, including autolinks of unsafe schemes
  out = out.replace(/<(\/?[A-Za-z!?][^>]*)>/g, (all, inner: string) => (/^https?:\/\/[^\s>]+$/.test(inner) ? all : '&lt;' + inner + '&gt;'));
  return out;
}

function isSafeUrl(url: string): boolean {
  const u = url.trim().toLowerCase();
  if (u.startsWith('#')) return false;
  const m = /^([a-z][a-z0-9+.-]*):/.exec(u);
  if (!m) return false; // relative links resolve against the extension; not useful, not shown as links
  return m[1] === 'http' || m[1] === 'https' || m[1] === 'mailto';
}

/** Deterministic fallback colour for a custom category that declares none. */
export function fallbackColor(name: string): string {
  const palette = ['#2e7d32', '#00838f', '#ad1457', '#6d4c41', '#558b2f', '#c62828', '#4527a0', '#ef6c00'];
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return palette[h % palette.length];
}

/** `#rgb`, `#rrggbb` (optionally with alpha) → `#rrggbbaa` with the given alpha, or undefined if not a hex colour. */
export function withAlpha(color: string, alpha: number): string | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color.trim());
  if (!m) return undefined;
  let hex = m[1];
  if (hex.length <= 4) hex = [...hex].map((c) => c + c).join('');
  const a = Math.max(0, Math.min(255, Math.round(alpha * 255))).toString(16).padStart(2, '0');
  return `#${hex.slice(0, 6)}${a}`;
}
