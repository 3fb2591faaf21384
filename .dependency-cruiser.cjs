/**
 * Layer rules (README "Layout"): dependencies point inward. slack/, http/ and jobs/ call the
 * scheduling core; the core owns its ports (src/scheduling/ports/), which zoom/ and storage/
 * implement; time/ is pure. `npm run lint` runs this check.
 */
const OUTER = '^src/(slack|http|jobs)/';
const WIRING = '^src/(app|bootstrap|index|services)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle ties modules together so neither can change alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'scheduling-stays-inside',
      severity: 'error',
      comment:
        'The core knows its ports only: no Slack, HTTP, jobs, wiring, settings, Redis or concrete Zoom/storage code.',
      from: { path: '^src/scheduling/' },
      to: {
        path: [
          OUTER,
          WIRING,
          '^src/(zoom|storage)/',
          '^src/(config|redis)\\.ts$',
          '^node_modules/(ioredis|bullmq|@slack|axios)/',
        ],
      },
    },
    {
      name: 'zoom-implements-ports-only',
      severity: 'error',
      comment: 'zoom/ is an adapter: it may use the core ports it implements, nothing else of the core or the outer layers.',
      from: { path: '^src/zoom/' },
      to: { path: [OUTER, WIRING, '^src/storage/', '^src/scheduling/(?!ports/)'] },
    },
    {
      name: 'storage-implements-ports-only',
      severity: 'error',
      comment: 'storage/ keeps records for the core: it may use the core ports and types, not the outer layers or Zoom.',
      from: { path: '^src/storage/' },
      to: { path: [OUTER, WIRING, '^src/zoom/', '^src/scheduling/(?!ports/|types\\.ts$)'] },
    },
    {
      name: 'outer-layers-do-not-reach-the-wiring',
      severity: 'error',
      comment: 'Listeners and routes are given what they use; they never import the composition root.',
      from: { path: OUTER },
      to: { path: WIRING },
    },
    {
      name: 'time-is-pure',
      severity: 'error',
      comment: 'time/ imports nothing of the project outside time/.',
      from: { path: '^src/time/' },
      to: { path: '^src/', pathNot: '^src/time/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    exclude: { path: '^(dist|test|bench)/' },
  },
};
