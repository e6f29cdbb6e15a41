#!/usr/bin/env python3
"""`policy-annotator export` as the map step of a Dask distributed job (docs/scale-out.md).

The input JSONL file is cut into partitions of whole lines; each partition is piped through
`policy-annotator export --out - -` in a subprocess on a Dask worker (stdin → stdout, exactly as
Spark's RDD.pipe and Hadoop Streaming run it), and the partitions' outputs are written in input
order. The result is byte for byte what one `export --out - -` over the whole file writes: each
partition runs with `--first-line` set to its first line in the whole file, so unnamed records
(`line-N`), messages and Label Studio task ids are numbered as in one run.

    /usr/bin/python3 scripts/scale-out/dask_export.py --workers 2 corpus.jsonl -o out.jsonl -- --format doccano

Arguments after `--` go to `export` (default `--format native`); `--no-progress --out - -` is
added. Without --scheduler a LocalCluster of worker processes is started (and stopped); with
--scheduler ADDRESS an existing Dask cluster is used, whose workers must all have Node.js, the CLI
(--cli) and any --glossary file at the same paths.

Needs Dask's `distributed` (Debian: python3-distributed; /usr/bin/python3 has it, a pyenv or venv
python may not).
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CLI = os.path.normpath(os.path.join(HERE, '..', '..', 'bin', 'policy-annotator.js'))


def run_partition(index, data, argv, cwd):
    """Runs on a Dask worker: pipes one partition (bytes, whole lines) through the CLI.

    Exit codes of `export`: 0 = something exported, 1 = every record of this partition was
    skipped (its reasons are in the summary on stderr) — both are a completed partition; anything
    else (2 = usage or input error, a crash, a signal) raises, so Dask retries the task (--retries)
    and then fails the job.
    """
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(data)
    if proc.returncode not in (0, 1):
        raise RuntimeError(f'partition {index}: {" ".join(argv)} exited with {proc.returncode}:\n{err.decode("utf-8", "replace")}')
    try:
        from distributed import get_worker
        worker = get_worker().address
    except Exception:  # not on a Dask worker (called directly)
        worker = None
    return {
        'index': index,
        'out': out,
        'stderr': err.decode('utf-8', 'replace'),
        'exit': proc.returncode,
        'worker_pid': os.getpid(),  # the Dask worker process that ran the task
        'worker': worker,
        'cli_pid': proc.pid,  # the policy-annotator process it started
        'seconds': time.monotonic() - t0,
    }


def convert(line, n, fields):
    """Turns a record with other field names ({"title", "content"} …) into {"id", "text"}."""
    id_field, text_field = fields
    if not line.strip():
        return line
    try:
        rec = json.loads(line)
    except ValueError:
        return line  # left as it is: the CLI skips it and says why
    if not isinstance(rec, dict) or not isinstance(rec.get(text_field), str):
        return line
    rid = rec.get(id_field)
    out = {'id': str(rid) if rid is not None else f'line-{n}', 'text': rec[text_field]}
    return json.dumps(out, ensure_ascii=False).encode('utf-8') + b'\n'


def partitions(stream, records, max_bytes, fields=None):
    """Yields (first line number, bytes) of at most `records` whole lines and, unless one line is
    longer, at most `max_bytes` bytes (a partition travels in the task graph, where Dask warns
    above 1 MB). Lines end at b'\\n' only — the CLI's
    reader (Node's readline) also ends one at a lone \\r, which JSON never holds raw — and not at
    U+2028 or U+0085, where Python's str.splitlines would cut a record in two."""
    buf, count, first, n = [], 0, 1, 0
    size = 0
    for line in stream:
        n += 1
        if not line.endswith(b'\n'):
            line += b'\n'
        if fields:
            line = convert(line, n, fields)
        if buf and size + len(line) > max_bytes:
            yield first, b''.join(buf)
            buf, count, size, first = [], 0, 0, n
        buf.append(line)
        size += len(line)
        count += 1
        if count >= records:
            yield first, b''.join(buf)
            buf, count, size, first = [], 0, 0, n + 1
    if buf:
        yield first, b''.join(buf)


SUMMARY_SPANS = re.compile(r'^  spans: (.*) \(total \d+\)$')
SUMMARY_EXPORTED = re.compile(r'^  exported: (\d+) ')


class Totals:
    def __init__(self):
        self.records = 0
        self.exported = 0
        self.spans = collections.Counter()
        self.skipped = []  # lines of the CLI summaries (stdin:N is a line of the whole input)
        self.warnings = []
        self.partitions = []  # per partition: index, first line, worker pid, cli pid, seconds, exit

    def add(self, result, first_line, nlines):
        self.records += nlines
        section = None
        for raw in result['stderr'].splitlines():
            m = SUMMARY_EXPORTED.match(raw)
            if m:
                self.exported += int(m.group(1))
                continue
            m = SUMMARY_SPANS.match(raw)
            if m:
                if m.group(1) != 'none':
                    for part in m.group(1).split(', '):
                        label, count = part.rsplit(' ', 1)
                        self.spans[label] += int(count)
                continue
            if raw.startswith('  skipped:'):
                section = self.skipped
                continue
            if raw.startswith('  warnings:'):
                section = self.warnings
                continue
            if raw.startswith('    ') and section is not None:
                # stdin:N is already the line of the input file (the CLI ran with --first-line).
                section.append(raw.strip())
        self.partitions.append({k: result[k] for k in ('index', 'worker_pid', 'worker', 'cli_pid', 'seconds', 'exit')} | {'first_line': first_line, 'lines': nlines})

    def text(self, seconds, fmt, startup=None):
        labels = ', '.join(f'{k} {v}' for k, v in sorted(self.spans.items())) or 'none'
        pids = sorted({p['worker_pid'] for p in self.partitions})
        lines = [
            f'dask_export: {self.records} line(s), {len(self.partitions)} partition(s) on {len(pids)} worker process(es) (pids {", ".join(map(str, pids))}) ({fmt}) in {seconds:.1f} s'
            + (f' (+ {startup:.1f} s to start the cluster)' if startup is not None else ''),
            f'  exported: {self.exported}',
            f'  spans: {labels} (total {sum(self.spans.values())})',
            f'  skipped: {len(self.skipped)}',
            *[f'    {s}' for s in self.skipped],
        ]
        if self.warnings:
            lines += [f'  warnings: {len(self.warnings)}', *[f'    {w}' for w in self.warnings[:50]]]
        return '\n'.join(lines) + '\n'

    def as_json(self, seconds):
        return {'records': self.records, 'exported': self.exported, 'spans': dict(self.spans),
                'skipped': self.skipped, 'warnings': self.warnings, 'seconds': seconds,
                'worker_pids': sorted({p['worker_pid'] for p in self.partitions}),
                'partitions': self.partitions}


def run(client, stream, out, export_args, *, records=16, max_bytes=960_000, fields=None,
        cli=DEFAULT_CLI, node=None, retries=0, in_flight=None, cwd=None):
    """Runs the job on `client`; writes the output to `out` (binary) in input order; returns Totals.

    At most `in_flight` partitions (default: 2 per worker thread) are submitted and not yet
    written, so neither the driver nor the workers hold more than that much input and output.
    """
    node = node or shutil.which('node') or 'node'
    argv = [node, cli, 'export', *export_args, '--no-progress', '--out', '-', '-']
    cwd = cwd or os.getcwd()
    if in_flight is None:
        in_flight = max(2, 2 * sum(client.nthreads().values()))
    totals = Totals()
    queue = collections.deque()

    def write_head():
        fut, first, nlines = queue.popleft()
        result = fut.result()
        out.write(result['out'])
        totals.add(result, first, nlines)
        fut.release()

    for index, (first, data) in enumerate(partitions(stream, records, max_bytes, fields)):
        nlines = data.count(b'\n')
        # --first-line: the CLI numbers this partition's lines as lines of the whole input, so
        # messages, unnamed ids and Label Studio task ids equal those of one process.
        part_argv = [*argv[:-1], '--first-line', str(first), argv[-1]]
        fut = client.submit(run_partition, index, data, part_argv, cwd, pure=False, retries=retries, key=f'policy-annotator-export-{index}-{os.urandom(4).hex()}')
        queue.append((fut, first, nlines))
        if len(queue) >= in_flight:
            write_head()
    while queue:
        write_head()
    out.flush()
    return totals


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    export_args = ['--format', 'native']
    if '--' in argv:
        i = argv.index('--')
        argv, export_args = argv[:i], argv[i + 1:]
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('input', help="JSONL file of {\"id\", \"text\", \"spans\"?} records, or - for stdin")
    p.add_argument('-o', '--output', default='-', help='output file (default: stdout)')
    p.add_argument('--workers', type=int, default=2, help='LocalCluster worker processes (default 2)')
    p.add_argument('--threads-per-worker', type=int, default=1, help='tasks at a time per worker (default 1: each task is a CLI process)')
    p.add_argument('--memory-limit', default='2GiB', help='per LocalCluster worker (default 2GiB)')
    p.add_argument('--scheduler', help='address of an existing Dask scheduler instead of a LocalCluster')
    p.add_argument('--records-per-partition', type=int, default=16, help='lines per partition (default 16)')
    p.add_argument('--max-partition-bytes', type=int, default=960_000, help='at most this many bytes per partition unless one line is longer (default 960000)')
    p.add_argument('--fields', help='ID,TEXT: read records whose id and text are in other fields, e.g. title,content')
    p.add_argument('--retries', type=int, default=1, help='Dask retries of a failed partition (default 1)')
    p.add_argument('--cli', default=DEFAULT_CLI, help=f'the CLI (default {DEFAULT_CLI})')
    p.add_argument('--node', help='Node.js executable on the workers (default: node on PATH)')
    p.add_argument('--report', help='write a JSON report (totals, per-partition worker pids, times) here')
    a = p.parse_args(argv)
    fields = tuple(a.fields.split(',', 1)) if a.fields else None
    if fields and len(fields) != 2:
        p.error('--fields takes ID,TEXT')

    from distributed import Client, LocalCluster
    t0 = time.monotonic()
    workdir = tempfile.mkdtemp(prefix='dask-export-')  # Dask's worker spill folders, not the cwd
    cluster = client = None
    try:
        if a.scheduler:
            client = Client(a.scheduler)
        else:
            # processes=True: every worker is a process of its own; no dashboard (a fixed port on a
            # shared machine); scheduler on a free port.
            cluster = LocalCluster(n_workers=a.workers, threads_per_worker=a.threads_per_worker, processes=True,
                                   memory_limit=a.memory_limit, dashboard_address=None, scheduler_port=0,
                                   local_directory=workdir)
            client = Client(cluster)
        started = time.monotonic()
        src = sys.stdin.buffer if a.input == '-' else open(a.input, 'rb')
        dst = sys.stdout.buffer if a.output == '-' else open(a.output + '.partial', 'wb')
        try:
            totals = run(client, src, dst, export_args, records=a.records_per_partition, max_bytes=a.max_partition_bytes,
                         fields=fields, cli=os.path.abspath(a.cli), node=a.node, retries=a.retries)
        except BaseException:
            if dst is not sys.stdout.buffer:
                dst.close()
                os.unlink(a.output + '.partial')  # a failed job leaves no output that looks complete
            raise
        if dst is not sys.stdout.buffer:
            dst.close()
            os.replace(a.output + '.partial', a.output)
        seconds = time.monotonic() - started
        fmt = export_args[export_args.index('--format') + 1] if '--format' in export_args else '?'
        sys.stderr.write(totals.text(seconds, fmt, started - t0))
        if a.report:
            with open(a.report, 'w', encoding='utf-8') as f:
                json.dump(totals.as_json(seconds) | {'startup_seconds': started - t0}, f, ensure_ascii=False, indent=1)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        shutil.rmtree(workdir, ignore_errors=True)
    # Like the CLI: 1 when nothing was exported and something was skipped.
    return 1 if totals.exported == 0 and totals.skipped else 0


if __name__ == '__main__':
    sys.exit(main())
