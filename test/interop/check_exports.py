"""Export interoperability suite: the readers our users load exports with read them right.

Usage: python check_exports.py EXPORT_ROOT BRAT_DIR

EXPORT_ROOT holds one folder per format (native, doccano, label-studio, brat, conll), each the
CLI's export of test/fixtures/corpus with --include-suggestions. The native export is the
reference: every other format must give the same spans (count, labels, texts) when read by the
tool that reads it:
  - Hugging Face datasets: load_dataset("json") of documents.jsonl and doccano.jsonl;
  - spaCy: Doc.char_span on spacy.blank("zh") for every span of native, doccano and Label Studio;
    `spacy convert --converter ner` of every CoNLL file (document delimiter found, entities);
  - brat's own annotation.py (vendored, BRAT_DIR) for brat's .ann files;
  - NLTK's ConllCorpusReader with the recipe of docs/formats.md (current path rules).
Prints one line per check ("ok - …" / "not ok - …") and closes with
"interop: N passed, N failed" (counted by scripts/test-all.sh).
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import traceback

ROOT, BRAT_DIR = sys.argv[1], sys.argv[2]
passed = failed = 0


def check(name):
    def run(fn):
        global passed, failed
        try:
            detail = fn()
            passed += 1
            print(f"ok - {name}" + (f" ({detail})" if detail else ""), flush=True)
        except Exception:  # a failing reader is a failed check, and the others still run
            failed += 1
            print(f"not ok - {name}\n" + "".join("    " + l for l in traceback.format_exc().splitlines(True)), flush=True)
        return fn
    return run


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


native = read_jsonl(os.path.join(ROOT, "native", "documents.jsonl"))
# The reference: per document, (label, text) of every span in export order (start, then end).
reference = {d["id"]: [(s["label"], d["text"][s["start"]:s["end"]]) for s in d["spans"]] for d in native}
texts = {d["id"]: d["text"] for d in native}
total = sum(len(v) for v in reference.values())
assert total > 0 and len(native) == 5, (len(native), total)


def same(got, what):
    for doc_id, want in reference.items():
        assert got.get(doc_id) == want, f"{what}: {doc_id}: {len(got.get(doc_id, []))} spans, want {len(want)}; first difference " + str(
            next(((a, b) for a, b in zip(got.get(doc_id, []), want) if a != b), None))
    return f"{len(reference)} documents, {total} spans"


@check("datasets: load_dataset('json') reads documents.jsonl; every span slices its text")
def _():
    import datasets
    ds = datasets.load_dataset("json", data_files=os.path.join(ROOT, "native", "documents.jsonl"), split="train")
    assert ds.num_rows == len(native)
    got = {r["id"]: [(s["label"], r["text"][s["start"]:s["end"]]) for s in r["spans"]] for r in ds}
    states = {s["state"] for r in ds for s in r["spans"]}
    assert states <= {"manual", "accepted", "auto"}, states
    return same(got, "datasets/native")


@check("datasets: load_dataset('json') reads doccano.jsonl (label triples, review metadata)")
def _():
    import datasets
    ds = datasets.load_dataset("json", data_files=os.path.join(ROOT, "doccano", "doccano.jsonl"), split="train")
    got = {}
    for r in ds:
        got[r["id"]] = [(l, r["text"][int(s):int(e)]) for s, e, l in r["label"]]
        assert [(x["label"], x["state"]) for x in r["review"]] == [(l, s["state"]) for (l, _), s in zip(got[r["id"]], next(d for d in native if d["id"] == r["id"])["spans"])]
    return same(got, "datasets/doccano")


def spacy_spans(doc_text, offsets):
    import spacy
    nlp = spacy_spans.nlp = getattr(spacy_spans, "nlp", None) or spacy.blank("zh")
    doc = nlp.make_doc(doc_text)
    out = []
    for s, e, label in offsets:
        span = doc.char_span(s, e, label=label)
        assert span is not None, f"char_span({s}, {e}) is None: {doc_text[s:e]!r}"
        out.append((span.label_, span.text))
    return out


@check("spaCy: char_span on blank('zh') for every span of documents.jsonl")
def _():
    return same({d["id"]: spacy_spans(d["text"], [(s["start"], s["end"], s["label"]) for s in d["spans"]]) for d in native}, "spaCy/native")


@check("spaCy: char_span on blank('zh') for every span of doccano.jsonl")
def _():
    return same({d["id"]: spacy_spans(d["text"], d["label"]) for d in read_jsonl(os.path.join(ROOT, "doccano", "doccano.jsonl"))}, "spaCy/doccano")


@check("spaCy: char_span on blank('zh') for every Label Studio result; every task has an id")
def _():
    with open(os.path.join(ROOT, "label-studio", "tasks.json"), encoding="utf-8") as f:
        tasks = json.load(f)
    ids = [t["id"] for t in tasks]  # label-studio-converter reads task['id']
    assert len(set(ids)) == len(ids) and all(isinstance(i, int) for i in ids), ids
    got = {}
    for t in tasks:
        results = [r for g in t.get("annotations", []) + t.get("predictions", []) for r in g["result"] if r["type"] == "labels"]
        offsets = sorted(((r["value"]["start"], r["value"]["end"], r["value"]["labels"][0]) for r in results), key=lambda x: (x[0], x[1]))
        for r in results:
            assert r["value"]["text"] == t["data"]["text"][r["value"]["start"]:r["value"]["end"]]
        got[t["data"]["doc_id"]] = spacy_spans(t["data"]["text"], offsets)
    # Export order is start, end (then label); sorting by (start, end) keeps it for the fixtures.
    return same(got, "spaCy/label-studio")


@check("brat: brat's own annotation.py reads every .ann (no failed line, fragments match the text)")
def _():
    sys.path.insert(0, BRAT_DIR)
    import annotation
    sys.path.pop(0)

    def decode(t):  # common.ts decodeLabel: __HEX_ escapes
        import re
        return re.sub(r"__([0-9A-F]{1,6})_", lambda m: chr(int(m.group(1), 16)), t) if "__" in t else t

    got = {}
    for ann_path in sorted(glob.glob(os.path.join(ROOT, "brat", "**", "*.ann"), recursive=True)):
        doc_id = os.path.relpath(ann_path, os.path.join(ROOT, "brat"))[:-4]
        with open(ann_path[:-4] + ".txt", encoding="utf-8", newline="") as f:
            text = f.read()
        with open(ann_path, encoding="utf-8", newline="") as f:
            source = f.read()
        a = annotation.TextAnnotations(text=text, source=source, read_only=True)
        assert a.failed_lines == [], (doc_id, a.failed_lines)
        spans = []
        for t in a.get_textbounds():
            assert " ".join(text[s:e] for s, e in t.spans) == t.text, (doc_id, t.id)
            spans.append((t.spans[0][0], t.spans[-1][1], decode(t.type)))
        spans.sort(key=lambda x: (x[0], x[1]))
        got[doc_id] = [(l, text[s:e]) for s, e, l in spans]
    with open(os.path.join(ROOT, "brat", "annotation.conf"), encoding="utf-8") as f:
        conf = f.read()
    entities = conf.split("[entities]\n")[1].split("\n\n")[0].split()
    import re
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", e) for e in entities), entities
    return same(got, "brat")


def conll_reference(doc_id):
    """Spans as CoNLL holds them: non-overlapping (the earlier, then longer, kept), whitespace removed."""
    text, kept = texts[doc_id], []
    for s in sorted(next(d for d in native if d["id"] == doc_id)["spans"], key=lambda s: (s["start"], -(s["end"] - s["start"]))):
        if kept and s["start"] < kept[-1]["end"]:
            continue
        kept.append(s)
    strip = lambda t: "".join(c for c in t if not (c.isspace() or c in "\x1c\x1d\x1e\x1f\x85"))
    return [(s["label"], strip(text[s["start"]:s["end"]])) for s in kept]


@check("spaCy: `spacy convert --converter ner` of every CoNLL file: one document each, entities = spans")
def _():
    from spacy.tokens import DocBin
    import spacy
    out = tempfile.mkdtemp(prefix="pa-interop-spacy-")
    n = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "conll", "**", "*.conll"), recursive=True)):
        doc_id = os.path.relpath(path, os.path.join(ROOT, "conll"))[:-6]
        r = subprocess.run([sys.executable, "-m", "spacy", "convert", path, out, "--converter", "ner", "--file-type", "spacy"],
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stderr + r.stdout
        log = r.stdout + r.stderr
        assert "No document delimiters found" not in log, log
        docs = list(DocBin().from_disk(os.path.join(out, os.path.basename(path)[:-6] + ".spacy")).get_docs(spacy.blank("xx").vocab))
        assert len(docs) == 1, (doc_id, len(docs))
        got = [(e.label_, e.text.replace(" ", "")) for e in docs[0].ents]
        assert got == conll_reference(doc_id), (doc_id, got[:3], conll_reference(doc_id)[:3])
        n += len(got)
    return f"{n} entities"


@check("NLTK: ConllCorpusReader with the docs/formats.md recipe (nltk.data.path) reads every CoNLL file")
def _():
    import nltk
    from nltk.corpus.reader import ConllCorpusReader
    root = os.path.join(ROOT, "conll")
    nltk.data.path.append(root)  # current NLTK reads corpora only under its data paths
    r = ConllCorpusReader(root, r".*\.conll", ("words", "pos"))
    n = 0
    for fid in r.fileids():
        ents, cur = [], None
        for sent in r.tagged_sents(fid):
            assert sent, "empty sentence"
            for ch, tag in sent:
                if tag == "O":
                    cur = None
                elif tag.startswith("B-") or cur is None or cur[0] != tag[2:]:
                    cur = [tag[2:], ch]
                    ents.append(cur)
                else:
                    cur[1] += ch
        assert [tuple(e) for e in ents] == conll_reference(fid[:-6]), fid
        n += len(ents)
    return f"nltk {nltk.__version__}, {n} entities"


print(f"\ninterop: {passed} passed, {failed} failed", flush=True)
sys.exit(1 if failed else 0)
