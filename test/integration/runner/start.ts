// `npm start` without a desktop VS Code: code-server on 127.0.0.1 with the extension loaded from
// the repository (extensionDevelopmentPath, like F5) and media/samples/ as the workspace. Prints
// the URL and runs in the foreground until Ctrl-C, which stops code-server and everything it
// started. POLICY_ANNOTATOR_PORT=NNNN picks a fixed port (for port forwarding); default: a free one.
import { REPO_ROOT, createRun, log, shutdown, startCodeServer } from './harness';

async function main(): Promise<void> {
  const run = createRun('start', { copySamples: false });
  const port = Number(process.env.POLICY_ANNOTATOR_PORT) || undefined;
  const server = await startCodeServer({ run, smokeTestDriver: true, port });
  const url = server.workbenchUrl(run.workspace, { extensionDevelopmentPath: REPO_ROOT });
  console.log(`
Policy Annotator is running in VS Code (code-server), with the sample policy texts of media/samples/.
Open this URL in a browser on this machine, then click a sample file in the Explorer:

  ${url}

Hover a highlighted number, organization or term to see what it is. After changing the code,
run \`npm run build\` and reload the page. Press Ctrl-C here to stop.
`);
  // Runs until SIGINT/SIGTERM (handled in harness.ts: stops code-server, exits).
  await new Promise<void>(() => undefined);
}

main().catch(async (e: Error) => {
  log(`npm start failed: ${e.stack ?? e}`);
  await shutdown();
  process.exit(1);
});
