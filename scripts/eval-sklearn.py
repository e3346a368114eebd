#!/usr/bin/env python3
"""The programme measures of `eval-engine --programme`, for scikit-learn's plain baseline.

    /usr/bin/python3 scripts/eval-sklearn.py [--in test/fixtures/engine/programme.jsonl] [--seeds 1,2,3]

Needs Debian's python3-sklearn (apt-get install -y python3-sklearn: scikit-learn 1.2.1, the version
of the baseline in ../shared/data/README.md); a measuring tool, not part of the product or its tests.
TF-IDF as in the baseline (sublinear tf, min_df=2, max_df=0.5) on each item's `text`, k-means with
k = the true number of labels (projects plus one-offs: the baseline is given the answer's k), and
neighbours by cosine. The measures are defined as in scripts/lib/programme-metrics.ts (k-means has
no unmatched ideas). Prints one row per seed and the median.
"""
import argparse
import json
import os
import statistics

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument('--in', dest='path', default=os.path.join(here, '..', 'test', 'fixtures', 'engine', 'programme.jsonl'))
parser.add_argument('--seeds', default='1')
args = parser.parse_args()

with open(args.path, encoding='utf-8') as f:
    items = [json.loads(line) for line in f if line.strip()]
labels = [str(i['label']) for i in items]
langs = [i.get('language') or '' for i in items]
k = len(set(labels))
x = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform([i['text'] for i in items])
sim = (x @ x.T).toarray()
n = len(items)
for i in range(n):
    sim[i, i] = -1.0
neighbours = [sorted(range(n), key=lambda j: (-sim[i, j], j))[:5] for i in range(n)]
groups = {}
for i, label in enumerate(labels):
    groups.setdefault(label, []).append(i)

rows = []
for seed in [int(s) for s in args.seeds.split(',')]:
    clusters = KMeans(n_clusters=k, n_init=1, random_state=seed).fit(x).labels_
    sizes = {}
    for c in clusters:
        sizes[c] = sizes.get(c, 0) + 1
    pairs = together = mixed = found = 0
    p3 = 0.0
    project = 0
    for members in groups.values():
        if len(members) < 2:
            continue
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                i, j = members[a], members[b]
                if langs[i] != langs[j]:
                    pairs += 1
                    together += clusters[i] == clusters[j]
        mix = len({langs[i] for i in members}) > 1
        for i in members:
            project += 1
            p3 += sum(labels[j] == labels[i] for j in neighbours[i][:3]) / min(3, len(members) - 1)
            if mix:
                mixed += 1
                found += any(labels[j] == labels[i] and langs[j] != langs[i] for j in neighbours[i][:5])
    row = {
        'seed': seed, 'k': k, 'ARI': adjusted_rand_score(labels, clusters), 'NMI': normalized_mutual_info_score(labels, clusters),
        'largest': max(sizes.values()) / n, 'crossPairs': together / pairs if pairs else 0, 'crossRecall@5': found / mixed if mixed else 0,
        'P@3': p3 / project if project else 0,
    }
    rows.append(row)
    print('\t'.join(f'{key}={value:.3f}' if isinstance(value, float) else f'{key}={value}' for key, value in row.items()), flush=True)
if len(rows) > 1:
    print('MEDIAN\t' + '\t'.join(f'{key}={statistics.median(r[key] for r in rows):.3f}' for key in rows[0] if key not in ('seed', 'k')))
