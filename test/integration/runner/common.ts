// What both integration runners share (no playwright-core or code-server here, so the
// test-electron runner can use it on a machine that has neither).
import * as fs from 'node:fs';
import * as path from 'node:path';

function findRepoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'policy-annotator') return dir;
    if (path.dirname(dir) === dir) throw new Error(`policy-annotator package.json not found above ${__dirname}`);
  }
}

export const REPO_ROOT = findRepoRoot();
/** The sample policy texts shipped with the project; tests and `npm start` open a copy of them. */
export const SAMPLES_DIR = path.join(REPO_ROOT, 'media', 'samples');
/** The integration suite's entry (test/integration/suite/index.ts, bundled by esbuild --integration). */
export const SUITE_INDEX = path.join(REPO_ROOT, 'out', 'test', 'integration', 'suite', 'index');
/** The Restricted Mode suite's entry (test/integration/restricted/index.ts): run in an untrusted workspace. */
export const RESTRICTED_INDEX = path.join(REPO_ROOT, 'out', 'test', 'integration', 'restricted', 'index');

/**
 * User settings for the Restricted Mode run: workspace trust on, and nothing that would stop the
 * run to ask (no startup prompt, no banner, untrusted files simply open).
 */
export const RESTRICTED_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.emptyWindow': false,
};

/** User settings for a test VS Code: quiet, offline, and readable Chinese text in screenshots. */
export const USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 150,
  'editor.wordWrap': 'on',
  'editor.minimap.enabled': false,
  'editor.fontSize': 15,
  'editor.lineHeight': 26,
  'window.commandCenter': false,
  // Decisions in one suite must not teach the shared workspace what the next suite sees
  // (test/integration/suite/learning.test.ts turns learning on for itself).
  'policyAnnotator.learning.enabled': false,
};

export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2));
}

/** `--name VALUE` from the command line. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** What test/integration/suite/index.ts leaves in $POLICY_ANNOTATOR_TEST_RESULT. */
export interface SuiteResult { passes: number; failures: number; pending: number; failed: { title: string; error: string }[] }

/**
 * Prints the failures and the closing "LABEL: N passed, N failed" line (LABEL `integration`, or
 * `integration-restricted` for the Restricted Mode run; scripts/test-all.sh adds them up); returns
 * the exit code: 0 only when the host reported success, nothing failed and at least one test ran.
 */
export function reportSuite(resultFile: string, hostExitCode: number | string, label = 'integration'): number {
  let r: SuiteResult = { passes: 0, failures: 0, pending: 0, failed: [] };
  if (fs.existsSync(resultFile)) r = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  else console.log('  the suite left no result (it did not load, or VS Code did not run it)');
  for (const f of r.failed) console.log(`  FAILED: ${f.title}\n    ${f.error}`);
  const failed = r.failures || (hostExitCode === 0 ? 0 : 1);
  console.log(`${label}: ${r.passes} passed, ${failed} failed${r.pending ? `, ${r.pending} skipped` : ''}`);
  return hostExitCode === 0 && failed === 0 && r.passes > 0 ? 0 : 1;
}
