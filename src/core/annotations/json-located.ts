// A strict JSON parser that says *where* a document is broken.
// JSON.parse error messages differ between V8, SpiderMonkey and JavaScriptCore (and between Node
// versions), so positions cannot be recovered from them reliably; sidecars and imported files
// are small enough that a hand-written recursive descent parser costs nothing noticeable.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type JsonParseResult =
  | { ok: true; value: JsonValue }
  /** `offset`: UTF-16 offset into the parsed string where the problem was detected. */
  | { ok: false; offset: number; message: string };

class JsonSyntaxError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

const MAX_DEPTH = 512;

export function parseJsonLocated(text: string): JsonParseResult {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(at, message);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  /** After an item of an object or array: true when `closer` ends the container, false after a comma. */
  const closes = (closer: '}' | ']', what: string): boolean => {
    ws();
    if (text[i] === ',') {
      i++;
      return false;
    }
    if (text[i] === closer) {
      i++;
      return true;
    }
    return fail(`expected ',' or '${closer}' after ${what}, found ${describe(i)}`);
  };
  const describe = (at: number) => (at >= text.length ? 'end of input' : `'${String.fromCodePoint(text.codePointAt(at)!)}'`);

  const parseString = (): string => {
    // text[i] === '"'
    const start = i;
    i++;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string (escape it as \\n, \\t or \\u00XX)');
      if (c === 0x5c) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape (needs four hex digits)');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else fail(`invalid escape \\${e ?? ''}`);
        chunk = i;
      } else i++;
    }
  };

  const parseNumber = (): number => {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const r = m.exec(text);
    if (!r || r[0] === '-' || r[0] === '') fail(`unexpected ${describe(i)}`);
    i += r![0].length;
    return Number(r![0]);
  };

  const parseValue = (depth: number): JsonValue => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [key: string]: JsonValue } = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
        const keyAt = i;
        const key = parseString();
        if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate property "${key}"`, keyAt);
        ws();
        if (text[i] !== ':') fail(`expected ':' after property name, found ${describe(i)}`);
        i++;
        const v = parseValue(depth + 1);
        // Defined property, not assignment: a key "__proto__" must not change the prototype.
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        if (closes('}', 'property value')) return obj;
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(depth + 1));
        if (closes(']', 'array element')) return arr;
      }
    }
    if (c === '"') return parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return fail(`unexpected ${describe(i)}`);
  };

  try {
    const value = parseValue(0);
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the JSON value`);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, offset: e.offset, message: e.message };
    throw e;
  }
}

/** 1-based line and column (UTF-16 units, as editors count) of `offset` in `text`. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Splits a JSON Lines text into lines with their 1-based numbers; a trailing CR is dropped. */
export function jsonLines(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  const raw = text.split('\n');
  for (let n = 0; n < raw.length; n++) {
    const t = raw[n].endsWith('\r') ? raw[n].slice(0, -1) : raw[n];
    out.push({ line: n + 1, text: n === 0 && t.charCodeAt(0) === 0xfeff ? t.slice(1) : t });
  }
  return out;
}

/**
 * The records of a JSONL text that are objects with a string "text", one per non-blank line;
 * other lines are reported at their line (and column, for invalid JSON) and skipped.
 */
export function* jsonlTextRecords(
  content: string,
  report: (line: number, column: number, message: string) => void,
): Generator<{ line: number; raw: string; o: { [key: string]: JsonValue; text: string } }> {
  for (const { line, text: raw } of jsonLines(content)) {
    if (raw.trim() === '') continue;
    const parsed = parseJsonLocated(raw);
    if (!parsed.ok) {
      report(line, parsed.offset + 1, `invalid JSON: ${parsed.message}`);
      continue;
    }
    const o = parsed.value;
    if (!isObject(o) || typeof o.text !== 'string') {
      report(line, 1, 'expected an object with a string "text"');
      continue;
    }
    yield { line, raw, o: o as { [key: string]: JsonValue; text: string } };
  }
}

export function isObject(v: unknown): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
