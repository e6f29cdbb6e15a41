// Debouncing per file: a new request for the same key replaces the pending one, so a burst of
// saves or watcher events runs the work once, after the burst.

export class KeyedTimers {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Runs `fn` after `delay` ms unless `key` is scheduled again first. */
  schedule(key: string, delay: number, fn: () => void): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        fn();
      }, delay),
    );
  }

  /** How many runs are pending (callers wait for zero before they call themselves idle). */
  get size(): number {
    return this.timers.size;
  }

  /** Drops every pending run. */
  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
