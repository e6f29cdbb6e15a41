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
// Tests that need an untrusted workspace (Restricted Mode) live in ../restricted/ instead.
/// <reference types="mocha" />
import { runExtensionTests } from '../runner/mocha';

export function run(): Promise<void> {
  return runExtensionTests(__dirname);
}
