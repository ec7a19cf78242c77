// Records the golden outputs of test/golden/commands.txt (run after `npm run build`):
//   node scripts/record-goldens.mjs          rewrites every golden file
// test/golden.e2e.test.ts runs the same commands and compares byte for byte.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { goldenCases, goldenText, runGolden } from '../test/golden/cases.mjs';

rmSync('test/golden/out', { recursive: true, force: true });
mkdirSync('test/golden/out', { recursive: true });
const cases = goldenCases();
for (const golden of cases) writeFileSync(golden.file, goldenText(runGolden(golden.args)));
console.log(`recorded ${cases.length} golden outputs in test/golden/out/`);
