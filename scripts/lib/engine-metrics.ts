// Clustering and retrieval metrics for eval-engine: NMI (arithmetic mean normalisation, as
// scikit-learn's default), adjusted Rand index, and precision of the 10 nearest neighbours.

function contingency(a: string[], b: (string | number)[]): { table: Map<string, number>; ra: Map<string, number>; rb: Map<string, number> } {
  const table = new Map<string, number>();
  const ra = new Map<string, number>();
  const rb = new Map<string, number>();
  a.forEach((x, i) => {
    const y = String(b[i]);
    const key = `${x}\u0000${y}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ra.set(x, (ra.get(x) ?? 0) + 1);
    rb.set(y, (rb.get(y) ?? 0) + 1);
  });
  return { table, ra, rb };
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

export function nmi(labels: string[], clusters: (string | number)[]): number {
  const n = labels.length;
  if (n === 0) return 0;
  const { table, ra, rb } = contingency(labels, clusters);
  let mi = 0;
  for (const [key, c] of table) {
    const [x, y] = key.split('\u0000') as [string, string];
    mi += (c / n) * Math.log((c * n) / (ra.get(x)! * rb.get(y)!));
  }
  const ha = entropy(ra.values(), n);
  const hb = entropy(rb.values(), n);
  if (ha === 0 && hb === 0) return 1;
  return mi / ((ha + hb) / 2);
}

export function ari(labels: string[], clusters: (string | number)[]): number {
  const n = labels.length;
  const c2 = (x: number) => (x * (x - 1)) / 2;
  const { table, ra, rb } = contingency(labels, clusters);
  let index = 0;
  for (const c of table.values()) index += c2(c);
  let a = 0;
  for (const c of ra.values()) a += c2(c);
  let b = 0;
  for (const c of rb.values()) b += c2(c);
  const expected = (a * b) / c2(n);
  const max = (a + b) / 2;
  return max === expected ? 0 : (index - expected) / (max - expected);
}

/** Share of the first `k` neighbours with the item's label; missing neighbours count as misses. */
export function precisionAtK(labelOf: Map<string, string>, neighbours: Map<string, string[]>, k = 10): number {
  let total = 0;
  let n = 0;
  const denom = Math.min(k, labelOf.size - 1);
  if (denom <= 0) return 0;
  for (const [id, label] of labelOf) {
    const near = (neighbours.get(id) ?? []).slice(0, k);
    total += near.filter((x) => labelOf.get(x) === label).length / denom;
    n++;
  }
  return n === 0 ? 0 : total / n;
}
