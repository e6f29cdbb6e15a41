// policy-annotator: the engine as a command-line tool. This is the entry esbuild bundles into
// dist/cli.js; dispatch.ts picks the command and commands/ holds one file per command.
import { runCli } from './dispatch';

/** Entry used by bin/policy-annotator.js; sets the exit code instead of exiting so output flushes. */
export function cliMain(argv: string[]): Promise<void> {
  return runCli(argv).then(
    (code) => { process.exitCode = code; },
    (e) => {
      process.stderr.write(`policy-annotator: internal error: ${(e as Error).stack}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) void cliMain(process.argv.slice(2));
