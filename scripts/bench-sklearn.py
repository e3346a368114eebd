#!/usr/bin/env python3
"""The issue's speed reference, measured on this machine: scikit-learn's TF-IDF + k-means.

    /usr/bin/python3 scripts/bench-sklearn.py [--sizes 10000,100000] [--repeat 3] [--k 9,12] [--corpus path.jsonl]

Needs Debian's python3-sklearn (apt-get install -y python3-sklearn: scikit-learn 1.2.1, the version
of the baseline in ../shared/data/README.md); it is a measuring tool, not part of the product or its
tests. Same corpus as bench-engine (UK petition titles, shuffled with a fixed seed, topped up with
recombined titles beyond its size), TF-IDF as in the baseline (sublinear tf, min_df=2, max_df=0.5),
then k-means with scikit-learn 1.2's defaults (k-means++, n_init=10, Lloyd), k per size as given
(default: what the engine chose on bench-engine's corpus, 9 at 10k and 12 at 100k). Prints one
tab-separated row per size with the median wall time of --repeat runs, and every run.
"""
import argparse
import json
import os
import random
import statistics
import time

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument('--sizes', default='10000,100000')
parser.add_argument('--repeat', type=int, default=3)
parser.add_argument('--k', default='9,12')
parser.add_argument('--corpus', default=os.path.join(here, '..', '..', 'shared', 'data', 'corpora', 'uk_petitions_titles_en.jsonl'))
args = parser.parse_args()

def title(line):
    item = json.loads(line)
    return (item.get('title') or item.get('text') or '').strip()


with open(args.corpus, encoding='utf-8') as f:
    base = [t for t in (title(line) for line in f if line.strip()) if t]
rng = random.Random(42)
rng.shuffle(base)
sizes = [int(s) for s in args.sizes.split(',')]
ks = [int(k) for k in args.k.split(',')]
print(f'corpus: {args.corpus}')
print('size\tk\ttfidf s\tkmeans s\ttotal s (median)\truns')
for i, size in enumerate(sizes):
    docs = base[:size]
    while len(docs) < size:  # recombined titles, as bench-engine does beyond the corpus
        a, b = rng.choice(base).split(' '), rng.choice(base).split(' ')
        docs.append(' '.join(a[:(len(a) + 1) // 2] + b[len(b) // 2:]))
    k = ks[min(i, len(ks) - 1)]
    runs = []
    for r in range(args.repeat):
        t0 = time.perf_counter()
        x = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(docs)
        t1 = time.perf_counter()
        KMeans(n_clusters=k, n_init=10, random_state=r).fit(x)
        t2 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1, t2 - t0))
    med = lambda j: statistics.median(run[j] for run in runs)
    print(f'{size}\t{k}\t{med(0):.2f}\t{med(1):.2f}\t{med(2):.2f}\t' + ' / '.join(f'{run[2]:.2f}' for run in runs), flush=True)
