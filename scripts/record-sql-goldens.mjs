// Re-records test/golden/sql/*.sql from the built binary (npm run build first).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SQL_GOLDENS } from '../test/golden/sql/cases.mjs';

for (const golden of SQL_GOLDENS) {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/svc-stats.js'), ...golden.args], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'C' } });
  if (run.status !== 0) throw new Error(`${golden.name}: exit ${run.status}: ${run.stderr}`);
  writeFileSync(golden.file, run.stdout);
  console.log(`recorded ${golden.file}`);
}
