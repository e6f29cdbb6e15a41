// Running the per-file export jobs: in this thread, or on worker threads for `--jobs N`.
import { Worker } from 'node:worker_threads';
import { createJobRunner, type JobConfig, type FileTask, type FileResult } from './export-job';
import type { WorkerRequest, WorkerResponse } from './worker';

export type OnResult = (index: number, result: FileResult) => void;

export async function runInProcess(tasks: readonly FileTask[], config: JobConfig, onResult: OnResult, cancelled: () => boolean): Promise<void> {
  const run = createJobRunner(config);
  for (let i = 0; i < tasks.length && !cancelled(); i++) {
    onResult(i, await run(tasks[i]));
    // Let signals (Ctrl-C) and stream writes through between files.
    await new Promise((r) => setImmediate(r));
  }
}

/** Tasks kept queued at each worker: the next file is already there when one is done, so a
 *  worker never waits a message round trip for work (files take a fraction of a millisecond). */
const WORKER_QUEUE = 4;

/**
 * `--jobs N`: the main thread and N − 1 worker threads take files from one queue. The main thread
 * would otherwise sit idle while the workers work; working itself saves starting one more
 * thread (module load, engine, JIT warm-up: ~0.15 s each) and leaves the cores to the work.
 */
export function runInWorkers(tasks: readonly FileTask[], config: JobConfig, jobs: number, workerFile: string, onResult: OnResult, onCancel: (stop: () => void) => void): Promise<void> {
  return new Promise((resolveAll) => {
    let next = 0;
    let finished = 0;
    let stopped = false;
    const retry: number[] = []; // queued at a worker that died before starting them
    const workers = new Set<Worker>();
    const queued = new Map<Worker, number[]>(); // per worker, in the order it works through them
    const stop = () => {
      stopped = true;
      for (const w of workers) void w.terminate();
      resolveAll();
    };
    onCancel(stop);
    const take = (): number | undefined => (retry.length ? retry.shift() : next < tasks.length ? next++ : undefined);
    const feed = (w: Worker) => {
      if (stopped) return;
      const q = queued.get(w)!;
      while (q.length < WORKER_QUEUE) {
        const index = take();
        if (index === undefined) break;
        q.push(index);
        w.postMessage({ index, task: tasks[index] } satisfies WorkerRequest);
      }
      if (q.length === 0) { // nothing left for it
        workers.delete(w);
        queued.delete(w);
        void w.terminate();
        if (finished === tasks.length) stop();
      }
    };
    const spawn = () => {
      const w = new Worker(workerFile, { workerData: config });
      workers.add(w);
      queued.set(w, []);
      w.on('message', (msg: WorkerResponse) => {
        const q = queued.get(w);
        if (q) q.splice(q.indexOf(msg.index), 1);
        finished++;
        onResult(msg.index, msg.result);
        if (finished === tasks.length) stop();
        else feed(w);
      });
      w.on('error', (err) => {
        // The file being processed when a worker died is reported; the files queued behind it
        // go to a fresh worker.
        const q = queued.get(w) ?? [];
        workers.delete(w);
        queued.delete(w);
        const index = q.shift();
        retry.push(...q);
        if (index !== undefined) {
          finished++;
          onResult(index, { ok: false, path: tasks[index].path, id: tasks[index].id, reason: `worker crashed: ${err.message}` });
        }
        if (stopped) return;
        if (finished === tasks.length) stop();
        else if (retry.length || next < tasks.length) feed(spawn());
      });
      return w;
    };
    let runLocal: ((task: FileTask) => Promise<FileResult>) | undefined;
    const local = async () => {
      if (stopped) return;
      const index = take();
      if (index === undefined) return; // the workers finish the rest
      runLocal ??= createJobRunner(config);
      const result = await runLocal(tasks[index]);
      if (stopped) return;
      finished++;
      onResult(index, result);
      if (finished === tasks.length) stop();
      else setImmediate(() => void local()); // workers' messages and signals get through between files
    };
    if (tasks.length === 0) return stop();
    for (let k = 0; k < Math.min(jobs - 1, tasks.length); k++) feed(spawn());
    setImmediate(() => void local());
  });
}
