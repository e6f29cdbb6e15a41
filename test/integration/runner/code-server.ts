// Runner B (the default here): runs the integration suite (test/integration/suite/index.ts, the
// test-electron `extensionTestsPath` contract) inside a real VS Code: code-server's Node extension
// host, opened in Debian's Chromium through playwright-core. The workbench honours the
// `?payload=[["extensionDevelopmentPath",…],["extensionTestsPath",…]]` query when code-server runs
// with `--vscode-option enable-smoke-test-driver`, and calls window.codeAutomationExit(code) when
// the suite's run() settles; window.codeAutomationLog(type, args) carries the host's console.
//
//   node out/test/integration/runner/code-server.js [--restricted] [--grep TEXT] [--timeout SECONDS]
// Usually through `npm run test:integration` (scripts/test-integration.sh: install, build, supervise,
// both runs). Exit code 0 only when every test passed and at least one ran. Last line:
// "integration: N passed, N failed".
//
// --restricted: the Restricted Mode suite (test/integration/restricted) instead, with workspace
// trust on and the workspace (samples + test/integration/restricted/fixture.ts) never trusted, so
// VS Code opens it in Restricted Mode. Last line: "integration-restricted: N passed, N failed".
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as util from 'node:util';
import { REPO_ROOT, RESTRICTED_INDEX, RESTRICTED_SETTINGS, SUITE_INDEX, arg, reportSuite } from './common';
import { writeRestrictedFixture } from '../restricted/fixture';
import { createRun, launchBrowser, log, newPage, shutdown, startCodeServer, withTimeout } from './harness';

// Workbench chatter that says nothing about our tests (offline marketplace, sockets, …).
const restricted = process.argv.includes('--restricted');
const LABEL = restricted ? 'integration-restricted' : 'integration';

const NOISE = /open-vsx|marketplace|AgentHost|AccountPolicy|socket|connection token|Service Worker|grace time|builtin extensions|ChatModelSelection|workbench contribution|\/static\/out\/vs\/|Extension Host|Started local extension host|Failed to load resource|DeprecationWarning|onDidChangeConfiguration|Long running operations|No search provider registered/;

async function main(): Promise<number> {
  const timeoutS = Number(arg('--timeout') ?? 300);
  const grep = arg('--grep');
  const testsPath = restricted ? RESTRICTED_INDEX : SUITE_INDEX;
  if (!fs.existsSync(testsPath + '.js')) throw new Error(`${testsPath}.js missing: run node esbuild.mjs --integration`);

  const run = createRun(restricted ? 'restricted' : 'integration');
  if (restricted) writeRestrictedFixture(run.workspace);
  const resultFile = path.join(run.dir, 'result.json');
  const server = await startCodeServer({
    run,
    smokeTestDriver: true,
    // Restricted Mode: trust on, nothing trusted (a fresh user-data folder trusts no folder).
    ...(restricted ? { workspaceTrust: true, settings: RESTRICTED_SETTINGS } : {}),
    // The code-server process's environment reaches the extension host, hence the suite.
    env: {
      POLICY_ANNOTATOR_TEST_RESULT: resultFile,
      ...(grep ? { POLICY_ANNOTATOR_TEST_GREP: grep } : {}),
    },
  });
  const browser = await launchBrowser();
  const page = await newPage(browser);
  const exitCode = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', (c: number) => resolve(c)));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    const line = util.format(...(args ?? [])).replace(/%c/g, '');
    if (!NOISE.test(line)) console.log(type === 'error' ? `  [error] ${line}` : line);
  });
  const url = server.workbenchUrl(run.workspace, { extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: testsPath });
  log(`opening the workbench with the test payload (timeout ${timeoutS} s)`);
  await page.goto(url);
  const code = await withTimeout(exitCode, timeoutS * 1000, 'the integration suite').catch((e: Error) => {
    log(e.message);
    return 'timeout' as const;
  });
  log(`extension host finished: exit code ${code}`);
  if (code !== 0) {
    fs.mkdirSync(path.join(REPO_ROOT, 'test/screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(REPO_ROOT, `test/screenshots/${LABEL}-failure.png`) }).catch(() => undefined);
  }

  if (!fs.existsSync(resultFile)) {
    log('code-server log tail:');
    console.log(fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-40).join('\n'));
  }
  return reportSuite(resultFile, code, LABEL);
}

main()
  .catch((e: Error) => {
    console.error(`integration runner error: ${e.stack ?? e}`);
    console.log(`${LABEL}: 0 passed, 1 failed`);
    return 1;
  })
  .then(async (code) => {
    await shutdown();
    process.exit(code);
  });
