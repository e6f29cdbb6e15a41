// The hostile glossaries of issue 8, shared by the CLI test (test/hardening/glossary-cli.test.ts)
// and the editor test inside VS Code (test/integration/suite/glossary-problems.test.ts), with
// where each one's first problem must be reported. No imports: both bundles can take it as is.

/** A valid entry every file carries after (or around) its hostile part. */
export const VALID_TERM = '链长制';
export const VALID_DEFINITION = '由地方党政主要负责同志担任“链长”的工作机制。';
export const VALID = `  - term: ${VALID_TERM}\n    category: TERM\n    definition: ${VALID_DEFINITION}\n`;
/** A text in which the valid entry and a bundled term are found. */
export const PROBE_TEXT = '推行链长制，培育专精特新企业。';

const bomb = ['a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]'];
for (const [k, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) bomb.push(`${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]`);

export const HOSTILE_GLOSSARIES: Record<string, string | Uint8Array> = {
  'malformed.yaml': `version: 1\nentries:\n  - term: "unterminated\n    category: TERM\n${VALID}  - term: [x\n`,
  'types.yaml': `version: 1\nentries:\n  - term: {a: 1}\n    category: TERM\n  - term: 甲乙\n    category: 5\n${VALID}`,
  'duplicate.yaml': `version: 1\nentries:\n${VALID}  - term: ${VALID_TERM}\n    category: TERM\n    definition: 另一个定义\n`,
  'empty-term.yaml': `version: 1\nentries:\n  - term: ""\n    category: TERM\n${VALID}`,
  'long-term.yaml': `version: 1\nentries:\n  - term: ${'长'.repeat(10_000)}\n    category: TERM\n${VALID}`,
  'big-definition.yaml': `version: 1\nentries:\n  - term: 大定义\n    category: TERM\n    definition: "${'定'.repeat(1_000_000)}"\n${VALID}`,
  'alias-bomb.yaml': `${bomb.join('\n')}\nversion: 1\nentries:\n${VALID}`,
  'custom-tags.yaml': `version: 1\nentries:\n  - term: !!js/function "function () { process.exit(99) }"\n    category: TERM\n  - term: !custom 丙丁\n    category: TERM\n${VALID}`,
  // Latin-1 bytes (é = 0xE9) and a truncated UTF-8 sequence: invalid UTF-8.
  'latin1.yaml': concat(utf8('version: 1\nentries:\n  - term: caf'), new Uint8Array([0xe9, 0xe5, 0x88]), utf8(`\n    category: TERM\n${VALID}`)),
  'bom.yaml': concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(`version: 1\nentries:\n  - term: 坏\n    category: NOPE\n${VALID}`)),
  'tab.yaml': `version: 1\nentries:\n\t- term: 制表\n${VALID}`,
};

export interface ExpectedProblem {
  /** 1-based, as on the command line (`FILE:LINE:COLUMN`). */
  line: number;
  column: number;
  /** 1-based column just after the underlined token in the editor (the diagnostic's Range end). */
  endColumn: number;
  severity: 'error' | 'warning';
  pattern: RegExp;
}

/** The first problem each hostile glossary must report, exactly there. */
export const EXPECTED_PROBLEMS: Record<string, ExpectedProblem> = {
  'malformed.yaml': { line: 3, column: 11, endColumn: 24, severity: 'error', pattern: /Missing closing "quote/ },
  'types.yaml': { line: 6, column: 15, endColumn: 16, severity: 'error', pattern: /unknown category "5"/ },
  'duplicate.yaml': { line: 6, column: 5, endColumn: 9, severity: 'warning', pattern: /duplicate term "链长制" \(first at line 3\)/ },
  'empty-term.yaml': { line: 3, column: 11, endColumn: 13, severity: 'error', pattern: /`term` is missing or empty/ },
  'long-term.yaml': { line: 3, column: 11, endColumn: 10_011, severity: 'error', pattern: /10000 characters long/ },
  'big-definition.yaml': { line: 5, column: 17, endColumn: 1_000_019, severity: 'warning', pattern: /cut to 20000/ },
  'alias-bomb.yaml': { line: 2, column: 8, endColumn: 10, severity: 'error', pattern: /YAML aliases not expanded/ },
  'custom-tags.yaml': { line: 3, column: 11, endColumn: 24, severity: 'warning', pattern: /Unresolved tag/ },
  'latin1.yaml': { line: 3, column: 14, endColumn: 16, severity: 'warning', pattern: /not valid UTF-8/ },
  'bom.yaml': { line: 4, column: 15, endColumn: 19, severity: 'error', pattern: /unknown category "NOPE"/ },
  'tab.yaml': { line: 3, column: 1, endColumn: 12, severity: 'error', pattern: /Tabs/ },
};

/**
 * A glossary of `n` entries (4 lines each, every third an ORG, each with an alias), 20 MB for
 * 200,000. With `brokenLast`, the last entry has an unknown category: one located error at the
 * very end of the file (line 4n + 1, column 15).
 */
export function bigGlossary(n: number, opts: { brokenLast?: boolean } = {}): string {
  const lines = ['version: 1', `# generated: ${n} entries`, 'entries:'];
  for (let i = 0; i < n; i++) {
    const category = opts.brokenLast && i === n - 1 ? 'NOPE' : i % 3 === 0 ? 'ORG' : 'TERM';
    lines.push(`  - term: ${bigTerm(i)}`, `    category: ${category}`, `    aliases: [别名${i}项]`, `    definition: 第${i}条定义，见《某某办法》第${i % 97}条。`);
  }
  return lines.join('\n') + '\n';
}

/** The term of entry `i` of {@link bigGlossary}. */
export function bigTerm(i: number): string {
  return `术语${i.toString(36)}号`;
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
