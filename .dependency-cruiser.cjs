/**
 * The layers of svc-stats, kept by a tool (npm test runs `depcruise src`). From the bottom:
 *   errors, notes, exact, stats   pure leaves
 *   io                     bytes in (sources, encodings), records (csv), bytes out (output)
 *   catalogue              measures, indicators, formulas, reference data
 *   table                  header plan, typed rows: records -> values
 *   engine                 grouping, exact sums, parallel workers
 *   render                 report tables -> text in a format; knows nothing of how reports are made
 *   reports                inputs -> report tables
 *   commands, cli          options -> report -> render
 * No module imports one above it; no cycles; commands do no file I/O.
 */
const layer = (name, below) => ({
  name: `${name}-imports-only-below`,
  comment: `${name} may import only ${below.join(', ') || 'itself'}`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: '^src/', pathNot: [`^src/${name}/`, ...below.map((folder) => `^src/${folder}`)] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    layer('exact', []),
    layer('stats', ['errors\\.ts$', 'notes\\.ts$']),
    layer('io', ['errors\\.ts$', 'notes\\.ts$', 'exact/']),
    layer('catalogue', ['errors\\.ts$', 'notes\\.ts$', 'exact/', 'io/']),
    layer('table', ['errors\\.ts$', 'notes\\.ts$', 'exact/', 'io/', 'catalogue/']),
    layer('engine', ['errors\\.ts$', 'notes\\.ts$', 'exact/', 'io/', 'catalogue/', 'table/']),
    layer('render', ['errors\\.ts$', 'notes\\.ts$', 'exact/']),
    layer('reports', ['errors\\.ts$', 'notes\\.ts$', 'exact/', 'stats/', 'io/', 'catalogue/', 'table/', 'engine/', 'render/']),
    layer('commands', ['errors\\.ts$', 'notes\\.ts$', 'exact/', 'stats/', 'io/', 'catalogue/', 'table/', 'engine/', 'render/', 'reports/']),
    {
      name: 'errors-is-a-leaf', severity: 'error',
      from: { path: '^src/errors\\.ts$' }, to: { path: '^src/', pathNot: '^src/printable\\.ts$' },
    },
    {
      name: 'notes-is-a-leaf', severity: 'error',
      from: { path: '^src/notes\\.ts$' }, to: { path: '^src/', pathNot: '^src/printable\\.ts$' },
    },
    {
      name: 'commands-do-no-file-io', comment: 'commands read and write through src/io only', severity: 'error',
      from: { path: '^src/(commands/|cli\\.ts)' }, to: { dependencyTypes: ['core'], path: '^(node:)?fs(/promises)?$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
