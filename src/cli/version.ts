// The package version, read from package.json when the CLI is bundled (esbuild inlines the
// field), so `policy-annotator --version` needs no file at run time and cannot disagree with
// the package that was built.
import { version } from '../../package.json';

export const VERSION: string = version;
