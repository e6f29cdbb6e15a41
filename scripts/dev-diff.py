#!/usr/bin/env python3
"""Developer aid: list false positives and misses per label with context.
usage: dev-diff.py GOLD.jsonl PRED.jsonl [LABEL]"""
import json, sys
gold = {d["id"]: d for d in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
pred = {d["id"]: d for d in map(json.loads, open(sys.argv[2], encoding="utf-8"))}
only = sys.argv[3] if len(sys.argv) > 3 else None
for i, g in gold.items():
    t = g["text"]
    must = {(s["start"], s["end"], s["label"]) for s in g["spans"] if not s.get("optional")}
    maybe = {(s["start"], s["end"], s["label"]) for s in g["spans"] if s.get("optional")}
    got = {(s["start"], s["end"], s["label"]) for s in pred.get(i, {}).get("spans", [])}
    ctx = lambda a, b: (t[max(0, a - 6):a] + "[" + t[a:b] + "]" + t[b:b + 6]).replace("\n", "⏎")
    for s in sorted(got - must - maybe):
        if not only or s[2] == only: print(f"FP {i} {s[2]:4} {ctx(s[0], s[1])}")
    for s in sorted(must - got):
        if not only or s[2] == only: print(f"FN {i} {s[2]:4} {ctx(s[0], s[1])}")
