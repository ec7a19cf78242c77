// Writes dist/bin/cli-script.cache (see bin/load-cli.js): V8's compiled code for the CLI after a run of
// `svc-stats coverage data/2005.csv`, the run whose start-up counts most. scripts/build.mjs runs this in a child
// process with standard output going nowhere.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const cli = createRequire(import.meta.url)('../bin/load-cli.js');
const status = await cli.main(['node', 'svc-stats', 'coverage', 'data/2005.csv']);
if (status !== 0) {
  process.stderr.write(`make-code-cache: the run exited ${status}\n`);
  process.exit(1);
}
writeFileSync('dist/bin/cli-script.cache', cli.codeCache());
