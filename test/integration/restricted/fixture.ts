// The workspace of the Restricted Mode run: what a hostile repository could contain. Written by
// the runner (test/integration/runner/code-server.ts --restricted) into a fresh run folder before
// VS Code opens it, and read by the tests in this folder to know what to expect. It is generated,
// not checked in, so that opening this repository in VS Code never loads the hostile glossary.
//
// Layout (WS = the workspace folder, RUN = its parent, the run folder):
//   WS/.vscode/settings.json          the restricted settings, pointing away: glossary.files at
//                                     hostile/*.yaml, sidecarFolder at ../escape
//   WS/hostile/evil.yaml              a glossary only that setting would load (HOSTILE_TERM)
//   WS/.policy-annotator/glossary.yaml  the default location: loaded as data even when untrusted;
//                                     Markdown with a command link, raw HTML, remote images, and
//                                     YAML tags that would run code if anything evaluated them
//   WS/.policy-annotator/init.js, hook.sh   scripts that would leave MARKER if ever run
//   WS/restricted.txt                 a text with the workspace term, the hostile term, bundled terms
//   WS/export-src/                    texts and sidecars whose `document` fields climb out
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnnotatedDocument } from '../../../src/core/annotations/document';
import { SIDECAR_SUFFIX } from '../../../src/core/annotations/sidecar';

/** A term only the hostile glossary (reachable through the restricted setting) defines. */
export const HOSTILE_TERM = '敌意注入术语';
/** A term defined in the default-location glossary `.policy-annotator/glossary.yaml`. */
export const WORKSPACE_TERM = '工作区专用术语';
/** A term with a YAML custom tag on its definition. */
export const TAGGED_TERM = '标签专用术语';
export const TEXT_NAME = 'restricted.txt';
export const TEXT = `推行${WORKSPACE_TERM}和${HOSTILE_TERM}，培育专精特新企业，支持南瑞集团投资150亿元，另见${TAGGED_TERM}。\n`;
/** The sidecar folder the workspace asks for: outside the workspace. */
export const ESCAPE_SETTING = '../escape';
/** Left by anything from the workspace that runs; must never exist. */
export const MARKER = 'pwned-marker';

/** Markdown a glossary author could use to act or load things when the hover is shown. */
export const HOSTILE_DEFINITION = [
  '工作区定义。[点我](command:workbench.action.closeWindow) 与 [设置](command:workbench.action.openSettings?%5B%22x%22%5D)',
  '<img src=https://evil.invalid/y.png> <b>粗体</b> <a href="command:workbench.action.quit">退出</a>',
  '![x](https://evil.invalid/x.png) 及 [网页](https://example.com/ok)',
].join('\n');

/** Writes the fixture into `workspace` (which exists: a copy of the samples). */
export function writeRestrictedFixture(workspace: string): void {
  const w = (rel: string, content: string) => {
    const p = path.join(workspace, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  };
  const marker = path.join(workspace, MARKER);
  w('.vscode/settings.json', JSON.stringify({
    'policyAnnotator.glossary.files': ['hostile/*.yaml'],
    'policyAnnotator.sidecarFolder': ESCAPE_SETTING,
    'policyAnnotator.export.targetFolder': ESCAPE_SETTING,
  }, null, 2));
  w('hostile/evil.yaml', ['version: 1', 'entries:', `  - term: ${HOSTILE_TERM}`, '    category: ORG', '    definition: 来自受限设置指向的词表。', ''].join('\n'));
  w('.policy-annotator/glossary.yaml', [
    'version: 1',
    'entries:',
    `  - term: ${WORKSPACE_TERM}`,
    '    category: TERM',
    '    definition: |',
    ...HOSTILE_DEFINITION.split('\n').map((l) => `      ${l}`),
    `  - term: ${TAGGED_TERM}`,
    '    category: TERM',
    `    definition: !!js/function "function () { require('fs').writeFileSync(${JSON.stringify(marker)}, 'x') }"`,
    `    source: !!js/eval "require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')"`,
    '',
  ].join('\n'));
  w('.policy-annotator/init.js', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'init.js ran');\n`);
  w('.policy-annotator/hook.sh', `#!/bin/sh\necho ran > ${JSON.stringify(marker)}\n`);
  fs.chmodSync(path.join(workspace, '.policy-annotator/hook.sh'), 0o755);
  w(TEXT_NAME, TEXT);
  // Sidecars whose `document` field names places outside (informational only, never a path).
  for (const [name, text, doc] of [
    ['climb.txt', '支持南瑞集团发展。', '../../../../escape/climb.txt'],
    ['absolute.txt', '投资150亿元。', path.join(path.dirname(workspace), 'escape', 'absolute.txt')],
    ['sub/deeper.txt', '培育专精特新企业。', '../../../escape/deeper'],
  ] as const) {
    w(`export-src/${name}`, text);
    const exact = /南瑞集团|150亿元|专精特新企业/.exec(text)![0];
    const start = text.indexOf(exact);
    const label = exact === '150亿元' ? 'NUM' : exact === '南瑞集团' ? 'ORG' : 'TERM';
    const sidecar = new AnnotatedDocument(text, [{ start, end: start + exact.length, label, state: 'manual' }]).serialize(path.basename(name));
    const [header, ...rest] = sidecar.split('\n');
    w(`export-src/${name}${SIDECAR_SUFFIX}`, [JSON.stringify({ ...JSON.parse(header), document: doc }), ...rest].join('\n'));
  }
}
