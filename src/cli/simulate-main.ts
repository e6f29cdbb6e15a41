// `npm run simulate`: the entry point, apart from simulate.ts so that a test importing
// runSimulate does not run it too (a bundled test is its own main module).
import { runSimulate } from './simulate';

process.exitCode = runSimulate(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
