// A one-line progress bar on stderr, drawn only on a terminal (never into logs or pipes, where
// carriage returns would pile up), and throttled so redrawing never costs more than the work.

export interface Progress {
  tick(done: number, label?: string): void;
  done(): void;
}

const NOOP: Progress = { tick() {}, done() {} };

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr, enabled = stream.isTTY === true): Progress {
  if (!enabled || total === 0) return NOOP;
  const started = Date.now();
  let last = 0;
  let drawn = false;
  const draw = (done: number, label = '') => {
    const cols = Math.max(40, stream.columns ?? 80);
    const width = Math.min(30, cols - 40);
    const filled = Math.round((done / total) * width);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    const head = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${Math.floor((done / total) * 100)}% ${secs}s `;
    const room = Math.max(0, cols - head.length - 1);
    const tail = label.length > room ? '…' + label.slice(label.length - room + 1) : label;
    stream.write(`\r${head}${tail}\x1b[K`);
    drawn = true;
  };
  return {
    tick(done, label) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      draw(done, label);
    },
    done() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}
