#!/usr/bin/env node
// Thin launcher: the CLI itself is bundled by `npm run build` into dist/cli.js.
require('../dist/cli.js').cliMain(process.argv.slice(2));
