// The Restricted Mode suite's entry (`extensionTestsPath`): the tests next to this file, run by
// `node out/test/integration/runner/code-server.js --restricted` in a workspace that VS Code does
// not trust (workspace trust on, the folder never trusted), on the fixture of ./fixture.ts.
// Everything else about it is as in ../suite/index.ts.
/// <reference types="mocha" />
import { runExtensionTests } from '../runner/mocha';

export function run(): Promise<void> {
  return runExtensionTests(__dirname);
}
