#!/usr/bin/env python3
"""Whole process against whole process: our cluster-corpus command beside scikit-learn in a fresh python3.

    /usr/bin/python3 scripts/bench-whole.py --in items.jsonl [--in more.jsonl ...] [--repeat 3] [--k 20]
                                            [--neighbors 0|10] [--ours-only | --sklearn-only] [--root CHECKOUT]

Per run and per side, alternated (ours, scikit-learn, ours, ...), one fresh process each, wall clock
from spawn to exit, peak RSS of the child (ru_maxrss):
  ours:         npm run -s cluster-corpus -- --in F --out TMP --k K --seed 1 --neighbors N
  scikit-learn: /usr/bin/python3 -c <program>: read the JSON Lines, TfidfVectorizer(sublinear_tf=True,
                min_df=2, max_df=0.5) on each item's `text`, KMeans(K, n_init=1, random_state=1); with
                --neighbors N > 0 also NearestNeighbors(N + 1, metric='cosine', algorithm='brute') on the
                same TF-IDF, kneighbors for every item; writes one JSON line per item like ours.
Several --in files are concatenated into one temporary file first (e.g. all five corpora).
Needs Debian's python3-sklearn (scikit-learn 1.2.1). A measuring tool, not part of the tests.
Prints every run, the medians and their ratio ours / scikit-learn, and the ratio within each alternated
pair (the two ran back to back, under about the same load from other work on the machine).
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)

SKLEARN = r'''
import json, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.cluster import KMeans
path, out, k, nn = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open(path, encoding='utf-8') as f:
    items = [json.loads(line) for line in f if line.strip()]
texts = [(i.get('text') or i.get('title') or '') for i in items]
x = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(texts)
labels = KMeans(n_clusters=k, n_init=1, random_state=1).fit(x).labels_
near = None
if nn > 0:
    from sklearn.neighbors import NearestNeighbors
    near = NearestNeighbors(n_neighbors=nn + 1, metric='cosine', algorithm='brute').fit(x).kneighbors(x, return_distance=False)
with open(out, 'w', encoding='utf-8') as w:
    for i, item in enumerate(items):
        ns = [] if near is None else [items[j]['id'] for j in near[i] if j != i][:nn]
        w.write(json.dumps({'id': item['id'], 'cluster': int(labels[i]), 'neighbors': ns}) + '\n')
'''


def timed(cmd, cwd):
    t0 = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        # wait4: the peak RSS of the waited process or of the largest of its waited-for descendants
        # (for ours, the node process npm runs; npm itself is smaller).
        _, status, usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        err.seek(0)
        text = err.read().decode('utf-8', 'replace').strip()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f'failed: {" ".join(cmd)}\n{text}')
    return dt, usage.ru_maxrss, text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--in', dest='inputs', action='append', required=True)
    parser.add_argument('--repeat', type=int, default=3)
    parser.add_argument('--k', type=int, default=20)
    parser.add_argument('--neighbors', type=int, default=0)
    parser.add_argument('--ours-only', action='store_true')
    parser.add_argument('--sklearn-only', action='store_true')
    parser.add_argument('--root', default=root, help='the checkout whose cluster-corpus runs as ours (e.g. a git worktree of an older commit, for a before/after)')
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix='bench-whole-')
    path = args.inputs[0]
    if len(args.inputs) > 1:
        path = os.path.join(tmp, 'input.jsonl')
        with open(path, 'w', encoding='utf-8') as w:
            for p in args.inputs:
                with open(p, encoding='utf-8') as f:
                    for line in f:
                        if line.strip():
                            w.write(line if line.endswith('\n') else line + '\n')
    with open(path, encoding='utf-8') as f:
        n = sum(1 for line in f if line.strip())
    ours_cmd = ['npm', 'run', '-s', 'cluster-corpus', '--', '--in', path, '--out', os.path.join(tmp, 'ours.jsonl'),
                '--k', str(args.k), '--seed', '1', '--neighbors', str(args.neighbors)]
    sk_cmd = ['/usr/bin/python3', '-c', SKLEARN, path, os.path.join(tmp, 'sklearn.jsonl'), str(args.k), str(args.neighbors)]
    print(f'{n} items, {os.path.getsize(path) / 1e6:.1f} MB of JSON Lines, k={args.k}, neighbors={args.neighbors}', flush=True)
    ours, sk = [], []
    for r in range(args.repeat):
        if not args.sklearn_only:
            dt, rss, err = timed(ours_cmd, args.root)
            ours.append(dt)
            print(f'run {r + 1} ours    {dt:6.2f} s  peak {rss // 1024 if rss else "?"} MB  {err.splitlines()[-1] if err else ""}', flush=True)
        if not args.ours_only:
            dt, rss, _ = timed(sk_cmd, root)
            sk.append(dt)
            print(f'run {r + 1} sklearn {dt:6.2f} s  peak {rss // 1024 if rss else "?"} MB', flush=True)
    mo = statistics.median(ours) if ours else None
    ms = statistics.median(sk) if sk else None
    line = 'median'
    if mo is not None: line += f'  ours {mo:.2f} s'
    if ms is not None: line += f'  scikit-learn {ms:.2f} s'
    if mo is not None and ms is not None: line += f'  ratio {mo / ms:.2f}'
    print(line)
    if ours and sk:
        pairs = [o / k for o, k in zip(ours, sk)]
        print('ratio per alternated pair: ' + ' / '.join(f'{r:.2f}' for r in pairs) + f'  (median {statistics.median(pairs):.2f})')


if __name__ == '__main__':
    main()
