// Runs the UI tests (test/ui/*.test.ts, bundled to out/test/ui/) with mocha in Node. The tests
// start code-server and Chromium themselves (test/ui/workbench.ts); whatever happens, everything
// started is stopped before exit. Last line: "ui: N passed, N failed".
//   node out/test/integration/runner/ui.js [--grep TEXT]
import * as path from 'node:path';
import { REPO_ROOT, arg } from './common';
import { shutdown } from './harness';
import { runMocha } from './mocha';

runMocha(path.join(REPO_ROOT, 'out', 'test', 'ui'), { timeout: 60_000, grep: arg('--grep') })
  .catch((err: Error) => {
    console.error(`UI tests did not load: ${err.stack ?? err}`);
    return { passes: 0, failures: 1, pending: 0, failed: [] };
  })
  .then(async (r) => {
    await shutdown();
    console.log(`ui: ${r.passes} passed, ${r.failures} failed${r.pending ? `, ${r.pending} skipped` : ''}`);
    process.exit(r.failures === 0 && r.passes > 0 ? 0 : 1);
  });
