// The integration suite's entry point, following @vscode/test-electron's `extensionTestsPath`
// contract: VS Code's extension host loads this module (compiled to
// out/test/integration/suite/index.js) and awaits `run()`. Both runners use it unchanged:
//   - code-server (default here): test/integration/runner/code-server.ts, `npm run test:integration`
//   - desktop VS Code:            test/integration/runner/electron.ts,    `npm run test:integration:electron`
//
// HOW TO ADD TESTS: put a file `test/integration/suite/<topic>.test.ts` next to this one. It is
// bundled by `node esbuild.mjs --integration` (vscode and mocha stay external) and picked up here.
// The mocha UI is TDD, as in VS Code's own samples: `suite(...)`, `test(...)`, `suiteSetup(...)`,
// `setup(...)`, `teardown(...)`. Use `import * as assert from 'node:assert/strict'` and the real
// `vscode` API. The workspace folder is a fresh copy of media/samples/ (edits don't touch the repo).
// Helpers (extension id, sample URIs, waitFor) are in ./util.ts. Default timeout per test: 60 s.
// Run only some tests: `npm run test:integration -- --grep "<title substring>"`.
/// <reference types="mocha" />
import * as fs from 'node:fs';
import { runMocha } from '../runner/mocha';

export async function run(): Promise<void> {
  // Set by the runners: where to leave the counts for the closing "N passed, N failed" line.
  const resultFile = process.env.POLICY_ANNOTATOR_TEST_RESULT;
  const result = await runMocha(__dirname, {
    timeout: Number(process.env.POLICY_ANNOTATOR_TEST_TIMEOUT) || 60_000,
    grep: process.env.POLICY_ANNOTATOR_TEST_GREP,
  }).catch((err: Error) => ({ passes: 0, failures: 1, pending: 0, failed: [{ title: 'loading the suite', error: String(err.stack ?? err) }] }));
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(result) + '\n');
  if (result.failures > 0) throw new Error(`${result.failures} integration test(s) failed.`);
  if (result.passes === 0) throw new Error('No integration test ran.');
}
