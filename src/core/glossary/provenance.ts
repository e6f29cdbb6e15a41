// The `learned:` field of a glossary item (entries and rejected items of a learned glossary,
// docs/learning.md): where and how an annotator's decision taught it. Read by load.ts.
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { LearnedAction, LearnedProvenance, Problem } from '../types';

type Report = (node: Node | undefined | null, msg: string, sev?: Problem['severity']) => void;

function scalarString(map: YAMLMap, key: string): string | undefined {
  const n = map.get(key, true);
  if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number')) return String(n.value);
  return undefined;
}

const LEARNED_ACTIONS: ReadonlySet<string> = new Set<LearnedAction>(['tagged', 'accepted', 'relabeled', 'reboundaried', 'rejected']);
const PROVENANCE_FIELDS = new Set(['file', 'action', 'author', 'time', 'count']);

/** `learned: {file, action, author?, time?, count?}`: where a learned entry comes from. A bad
 *  value is an error and the provenance is dropped (the entry itself still loads). */
export function readProvenance(node: Node | undefined, self: Node | undefined, report: Report): LearnedProvenance | undefined {
  const shape = '`learned` must be a mapping {file, action, author, time, count}';
  if (!isMap(node)) { report(node ?? self, shape); return undefined; }
  for (const pair of node.items) {
    const k = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!PROVENANCE_FIELDS.has(k)) report(pair.key as Node, `unknown field \`${k}\` under \`learned\` (expected file, action, author, time, count)`, 'warning');
  }
  const file = scalarString(node, 'file');
  if (!file) { report(node.get('file', true) as Node ?? node, '`learned.file` is missing: the document the entry was learned in'); return undefined; }
  const action = scalarString(node, 'action');
  if (!action || !LEARNED_ACTIONS.has(action)) {
    report(node.get('action', true) as Node ?? node, '`learned.action` must be tagged, accepted, relabeled, reboundaried or rejected');
    return undefined;
  }
  const time = scalarString(node, 'time');
  if (time !== undefined && Number.isNaN(Date.parse(time))) {
    report(node.get('time', true) as Node, '`learned.time` must be an ISO 8601 time such as 2024-05-01T09:30:00Z');
    return undefined;
  }
  const countNode = node.get('count', true) as Node | undefined;
  let count = 1;
  if (countNode !== undefined) {
    const v = isScalar(countNode) ? countNode.value : undefined;
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
      report(countNode, '`learned.count` must be a whole number of 1 or more');
      return undefined;
    }
    count = v;
  }
  const author = scalarString(node, 'author');
  return { file, action: action as LearnedAction, ...(author !== undefined ? { author } : {}), ...(time !== undefined ? { time } : {}), count };
}
