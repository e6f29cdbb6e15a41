// Runs mocha (TDD UI, spec reporter) over every *.test.js below a folder and collects the counts.
// Used by the integration suite inside VS Code (suite/index.ts) and by the UI test runner (ui.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import type { SuiteResult } from './common';

export function testFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...testFiles(p));
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export function runMocha(dir: string, opts: { timeout: number; grep?: string }): Promise<SuiteResult> {
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: opts.timeout, grep: opts.grep || undefined });
  for (const f of testFiles(dir)) mocha.addFile(f);
  const failed: SuiteResult['failed'] = [];
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) =>
        resolve({ passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0, failed }));
      runner.on('fail', (t, err: Error) => failed.push({ title: t.fullTitle(), error: String(err?.message ?? err) }));
    } catch (err) {
      reject(err); // a test file that does not load
    }
  });
}

/**
 * The body of an `extensionTestsPath` module's run(): mocha over the *.test.js next to it, the
 * counts left in $POLICY_ANNOTATOR_TEST_RESULT for the runner's closing line, and a rejection
 * (which VS Code turns into a non-zero exit code) when a test failed or none ran.
 */
export async function runExtensionTests(dir: string): Promise<void> {
  const resultFile = process.env.POLICY_ANNOTATOR_TEST_RESULT;
  const result = await runMocha(dir, {
    timeout: Number(process.env.POLICY_ANNOTATOR_TEST_TIMEOUT) || 60_000,
    grep: process.env.POLICY_ANNOTATOR_TEST_GREP,
  }).catch((err: Error) => ({ passes: 0, failures: 1, pending: 0, failed: [{ title: 'loading the suite', error: String(err.stack ?? err) }] }));
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(result) + '\n');
  if (result.failures > 0) throw new Error(`${result.failures} integration test(s) failed.`);
  if (result.passes === 0) throw new Error('No integration test ran.');
}
