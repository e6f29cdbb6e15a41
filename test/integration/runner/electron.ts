// Runner A: the same integration suite through @vscode/test-electron's runTests, for machines with
// a desktop VS Code or internet access (it cannot download VS Code on our offline machines; there
// `npm run test:integration` uses code-server instead, see code-server.ts).
//
//   npm run test:integration:electron [-- --grep TEXT]
// Environment: VSCODE_EXECUTABLE=/path/to/code (a local VS Code; otherwise test-electron downloads
// VSCODE_VERSION, default "stable", into .vscode-test/). On a Linux machine without a display, run
// it under `xvfb-run -a`. Exit code 0 only when every test passed; last line "N passed, N failed".
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests, TestRunFailedError } from '@vscode/test-electron';
import { REPO_ROOT, SAMPLES_DIR, SUITE_INDEX, arg, reportSuite, writeUserSettings } from './common';

async function main(): Promise<number> {
  if (!fs.existsSync(SUITE_INDEX + '.js')) throw new Error(`${SUITE_INDEX}.js missing: run node esbuild.mjs --integration`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-annotator-electron-'));
  try {
    const workspace = path.join(dir, 'workspace');
    fs.cpSync(SAMPLES_DIR, workspace, { recursive: true });
    const userDataDir = path.join(dir, 'user-data');
    writeUserSettings(userDataDir);
    const resultFile = path.join(dir, 'result.json');
    const grep = arg('--grep');
    let code: number;
    try {
      code = await runTests({
        extensionDevelopmentPath: REPO_ROOT,
        extensionTestsPath: SUITE_INDEX,
        vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
        version: process.env.VSCODE_VERSION || undefined,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
          '--skip-release-notes', '--user-data-dir', userDataDir, '--extensions-dir', path.join(dir, 'extensions')],
        extensionTestsEnv: { POLICY_ANNOTATOR_TEST_RESULT: resultFile, ...(grep ? { POLICY_ANNOTATOR_TEST_GREP: grep } : {}) },
      });
    } catch (e) {
      if (!(e instanceof TestRunFailedError)) throw e;
      code = e.code ?? 1;
    }
    return reportSuite(resultFile, code);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e: Error) => {
  console.error(`test-electron runner error: ${e.stack ?? e}`);
  console.log('integration: 0 passed, 1 failed');
  process.exit(1);
});
