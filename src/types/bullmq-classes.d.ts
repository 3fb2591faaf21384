// The two BullMQ classes the job queue uses, imported by path (src/jobs/queue.ts): BullMQ's index
// also loads its PostgreSQL, Bun, node-redis and Valkey backends, flows and sandboxes (about 1.5 MB
// of heap in every process). Only its ESM build ships typings; these paths name its CommonJS
// build, the one Node loads for `bullmq` (package.json "main", no "exports").
declare module 'bullmq/dist/cjs/classes/queue.js' {
  export { Queue } from 'bullmq';
}
declare module 'bullmq/dist/cjs/classes/worker.js' {
  export { Worker } from 'bullmq';
}
