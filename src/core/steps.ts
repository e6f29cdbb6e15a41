// Long computations of the core (reading and compiling a 200,000-entry glossary) written as
// generators that yield between pieces of work: the CLI runs them straight through, the editor
// in slices that give its extension host back every few milliseconds (VS Code reports a host
// that does not answer for 3 s as unresponsive).

export type Steps<T> = Generator<void, T, void>;

/** A turn of the event loop: setImmediate in Node, setTimeout 0 in a browser (vscode.dev). */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Runs `steps` to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs `steps`, awaiting `pause` whenever `sliceMs` have passed since the last one. */
export async function runStepsSliced<T>(steps: Steps<T>, pause: () => Promise<void> = yieldToEventLoop, sliceMs = 25): Promise<T> {
  for (let t = Date.now(); ; ) {
    const r = steps.next();
    if (r.done) return r.value;
    if (Date.now() - t >= sliceMs) {
      await pause();
      t = Date.now();
    }
  }
}
