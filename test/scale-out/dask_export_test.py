"""End to end: `policy-annotator export --out - -` as the map step of a real Dask distributed job.

A LocalCluster of two worker processes runs scripts/scale-out/dask_export.py over the fixture
texts (test/fixtures/corpus/) as JSONL records; every result must equal, byte for byte, what one
single `export --out - -` process writes for the same input (and, for whole texts, the native
folder export), and more than one worker process must have done work. Run by
scripts/test-scale-out.sh (in `npm test`), which prints "scale-out: N passed, N failed".

Needs the built CLI (npm run build) and Dask's distributed (Debian's python3-distributed).
"""
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
sys.dont_write_bytecode = True  # no __pycache__ in scripts/scale-out/
sys.path.insert(0, os.path.join(ROOT, 'scripts', 'scale-out'))
import dask_export  # noqa: E402

CLI = os.path.join(ROOT, 'bin', 'policy-annotator.js')
CORPUS = os.path.join(ROOT, 'test', 'fixtures', 'corpus')
NODE = shutil.which('node') or 'node'
client = cluster = workdir = None


def setUpModule():
    global client, cluster, workdir
    from distributed import Client, LocalCluster
    workdir = tempfile.mkdtemp(prefix='pa-dask-test-')
    # silence_logs: the workers' own warnings ("Compute Failed" for the failures provoked below).
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, memory_limit='1GiB',
                           dashboard_address=None, scheduler_port=0, local_directory=workdir,
                           silence_logs=logging.ERROR)
    client = Client(cluster)


def tearDownModule():
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()
    shutil.rmtree(workdir, ignore_errors=True)


def texts():
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith('.txt'))
    assert len(names) >= 5, names
    return [(n[:-4], open(os.path.join(CORPUS, n), encoding='utf-8').read()) for n in names]


def jsonl(records):
    return b''.join(json.dumps(r, ensure_ascii=False).encode('utf-8') + b'\n' for r in records)


def single(data, *export_args):
    """One CLI process over the whole input: (stdout bytes, exit code, summary text)."""
    p = subprocess.run([NODE, CLI, 'export', *export_args, '--no-progress', '--out', '-', '-'],
                       input=data, capture_output=True, timeout=120)
    return p.stdout, p.returncode, p.stderr.decode('utf-8')


def distributed(data, *export_args, records=1, **kw):
    out = io.BytesIO()
    totals = dask_export.run(client, io.BytesIO(data), out, list(export_args), records=records, cli=CLI, node=NODE, **kw)
    return out.getvalue(), totals


def summary_spans(summary):
    m = re.search(r'^  spans: (.*) \(total \d+\)$', summary, re.M)
    return {} if m.group(1) == 'none' else {l: int(c) for l, c in (p.rsplit(' ', 1) for p in m.group(1).split(', '))}


def summary_skipped(summary):
    return re.findall(r'^    (stdin:\d+: .*)$', summary, re.M)


class WholeTexts(unittest.TestCase):
    """The five fixture reports, one record each, one record per partition."""

    def test_equals_single_process_and_folder_export(self):
        data = jsonl({'id': i, 'text': t} for i, t in texts())
        got, totals = distributed(data, '--format', 'native', records=1)
        want, code, summary = single(data, '--format', 'native')
        self.assertEqual(code, 0, summary)
        self.assertEqual(got, want)  # byte for byte
        self.assertEqual(len(got.splitlines()), 5)
        # …and the folder export of the same texts (documents.jsonl, in id order = input order here).
        with tempfile.TemporaryDirectory() as d:
            p = subprocess.run([NODE, CLI, 'export', '--format', 'native', '--no-progress', '--out', d, CORPUS], capture_output=True, timeout=120)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(d, 'documents.jsonl'), 'rb') as f:
                self.assertEqual(got, f.read())
        self.assertEqual(dict(totals.spans), summary_spans(summary))
        self.assertGreater(sum(totals.spans.values()), 100)
        # Real distribution: 5 partitions, each its own CLI process, on more than one worker process.
        parts = totals.partitions
        self.assertEqual([p['index'] for p in parts], list(range(5)))
        self.assertEqual(len({p['cli_pid'] for p in parts}), 5)
        pids = {p['worker_pid'] for p in parts}
        self.assertGreaterEqual(len(pids), 2, f'only worker process(es) {pids} did work')
        self.assertNotIn(os.getpid(), pids)
        self.assertEqual(pids, set(client.run(os.getpid).values()) & pids)


class Paragraphs(unittest.TestCase):
    """Every paragraph of the fixtures a record, with bad records among them, in several formats."""

    @classmethod
    def setUpClass(cls):
        lines = []
        for doc, text in texts():
            for k, para in enumerate(p for p in text.split('\n') if p.strip()):
                lines.append(jsonl([{'id': f'{doc}/p{k:03d}', 'text': para}]))
        # Bad records, as a distributed job meets them: they are skipped with their reason, and
        # the reasons name the line of the whole input.
        lines.insert(3, b'{"id": "broken", "text": \n')  # invalid JSON
        lines.insert(10, b'\n')  # blank: no output, no skip
        lines.insert(20, b'{"id": "no-text"}\n')  # no text
        lines.insert(21, b'["not", "an", "object"]\n')
        # Already annotated: its spans are exported as they are.
        lines.insert(30, jsonl([{'id': 'annotated', 'text': '国务院召开常务会议', 'spans': [{'start': 0, 'end': 3, 'label': 'ORG', 'state': 'manual'}]}]))
        cls.data = b''.join(lines)
        cls.nlines = len(lines)
        assert cls.nlines > 100, cls.nlines

    def check(self, *export_args, records=7, **kw):
        got, totals = distributed(self.data, *export_args, records=records, **kw)
        want, code, summary = single(self.data, *export_args)
        self.assertEqual(code, 0, summary)
        self.assertEqual(got, want)
        self.assertEqual(totals.records, self.nlines)
        self.assertEqual(dict(totals.spans), summary_spans(summary))
        self.assertEqual(totals.skipped, summary_skipped(summary))
        self.assertEqual(len(totals.skipped), 3)
        self.assertGreaterEqual(len({p['worker_pid'] for p in totals.partitions}), 2)
        return got

    def test_native(self):
        got = self.check('--format', 'native')
        self.assertIn(b'"id":"annotated"', got)
        self.assertNotIn(b'"id":"broken"', got)

    def test_doccano_utf16(self):
        self.check('--format', 'doccano', '--doccano-offsets', 'utf16', records=13)

    def test_label_studio(self):
        self.check('--format', 'label-studio', records=5)

    def test_brat_and_conll(self):
        self.check('--format', 'brat', records=11)
        self.check('--format', 'conll', '--include-suggestions', records=17)

    def test_partitions_cut_by_size(self):
        self.check('--format', 'native', records=1000, max_bytes=4000)

    def test_partitions_are_whole_lines_in_order(self):
        data = b'a\n\xe2\x80\xa8b\r\n' + b'x' * 50 + b'\n\nc'  # U+2028 and \r\n stay inside their line
        parts = list(dask_export.partitions(io.BytesIO(data), 2, 20))
        self.assertEqual(parts, [(1, b'a\n\xe2\x80\xa8b\r\n'), (3, b'x' * 50 + b'\n'), (4, b'\nc\n')])

    def test_partition_of_bad_records_only(self):
        # The CLI exits 1 for a partition where nothing could be exported; that partition is done
        # (its records were skipped), not failed.
        data = b'nope\n{"id": 1}\n' + jsonl({'id': i, 'text': t} for i, t in texts()[:2])
        got, totals = distributed(data, '--format', 'native', records=2)
        want, code, summary = single(data, '--format', 'native')
        self.assertEqual(got, want)
        self.assertEqual([p['exit'] for p in totals.partitions], [1, 0])
        self.assertEqual(totals.skipped, summary_skipped(summary))
        self.assertEqual(totals.exported, 2)


class Fields(unittest.TestCase):
    def test_other_field_names(self):
        # {"title", "content", "year"} as in a scraped corpus; a record without a title gets the id
        # line-N of its line in the whole input, as the single process names it.
        recs = [{'title': f'报告{i}', 'content': t, 'year': i[3:]} for i, t in texts()]
        del recs[2]['title']
        data = jsonl(recs)
        got, _ = distributed(data, '--format', 'doccano', records=2, fields=('title', 'content'))
        converted = b''.join(dask_export.convert(l, n, ('title', 'content')) for n, l in enumerate(io.BytesIO(data), 1))
        want, code, _ = single(converted, '--format', 'doccano')
        self.assertEqual(got, want)
        self.assertIn(b'"id":"line-3"', got)
        self.assertIn(b'"id":"\xe6\x8a\xa5\xe5\x91\x8agwr1984"', got)  # 报告gwr1984


class Failures(unittest.TestCase):
    def test_cli_error_fails_the_job(self):
        data = jsonl({'id': i, 'text': t} for i, t in texts()[:2])
        with self.assertRaisesRegex(RuntimeError, r'exited with 2'):
            distributed(data, '--format', 'nope', records=1)

    def test_failed_job_leaves_no_output_file(self):
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, 'in.jsonl')
            with open(src, 'wb') as f:
                f.write(jsonl({'id': i, 'text': t} for i, t in texts()[:2]))
            out = os.path.join(d, 'out.jsonl')
            with self.assertRaises(Exception):
                dask_export.main([src, '-o', out, '--scheduler', cluster.scheduler_address, '--retries', '0', '--', '--format', 'nope'])
            self.assertEqual(os.listdir(d), ['in.jsonl'])

    def test_main_with_an_existing_scheduler(self):
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, 'in.jsonl')
            data = jsonl({'id': i, 'text': t} for i, t in texts())
            with open(src, 'wb') as f:
                f.write(data)
            out, report = os.path.join(d, 'out.jsonl'), os.path.join(d, 'report.json')
            code = dask_export.main([src, '-o', out, '--scheduler', cluster.scheduler_address, '--records-per-partition', '2',
                                     '--report', report, '--node', NODE, '--', '--format', 'native'])
            self.assertEqual(code, 0)
            with open(out, 'rb') as f:
                self.assertEqual(f.read(), single(data, '--format', 'native')[0])
            with open(report, encoding='utf-8') as f:
                r = json.load(f)
            self.assertEqual((r['records'], r['exported'], len(r['partitions'])), (5, 5, 3))




if __name__ == '__main__':
    if not os.path.exists(os.path.join(ROOT, 'dist', 'cli.js')):
        sys.exit('scale-out: dist/cli.js missing: run npm run build first')
    runner = unittest.TextTestRunner(verbosity=2, stream=sys.stdout)
    res = runner.run(unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__]))
    failed = len(res.failures) + len(res.errors) + len(res.unexpectedSuccesses)
    print(f'scale-out: {res.testsRun - failed - len(res.skipped)} passed, {failed} failed')
    sys.exit(1 if failed or not res.testsRun else 0)
