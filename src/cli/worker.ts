// Worker thread for `export --jobs N`: receives file tasks, answers with rendered documents.
// Writing stays on the main thread, so output order, atomic writes and the summary are decided
// in one place. Bundled by esbuild as dist/worker.js next to dist/cli.js.
import { parentPort, workerData } from 'node:worker_threads';
import { createJobRunner, type JobConfig, type FileTask, type FileResult } from './export-job';

export interface WorkerRequest {
  index: number;
  task: FileTask;
}
export interface WorkerResponse {
  index: number;
  result: FileResult;
}

if (parentPort) {
  const port = parentPort;
  const run = createJobRunner(workerData as JobConfig);
  port.on('message', (msg: WorkerRequest) => {
    // Answers in the order asked: a file's reads finish before the next message is handled.
    void run(msg.task).then((result) => port.postMessage({ index: msg.index, result } satisfies WorkerResponse));
  });
}
