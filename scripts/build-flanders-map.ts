/**
 * Builds the map of Flanders the board shows (server/web/board/flanders-map.json) from the Belgian
 * municipal boundaries (TopoJSON, CC0):
 *   npx tsx scripts/build-flanders-map.ts ../shared/data/municipalities/belgium_municipalities_2025.topojson
 * Keeps the 285 Flemish municipalities (NIS codes from the organisations data), projects them
 * equirectangularly with the longitude scaled by cos(mean latitude) into a fixed viewBox, drops points
 * closer than a pixel to the last kept one, and rounds to whole units, so the output stays small.
 * The app only reads the committed output; the source data is never read at runtime.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

const WIDTH = 1000;
const MIN_STEP = 1.2; // viewBox units between kept points

const source = process.argv[2];
if (!source) {
  console.error('usage: tsx scripts/build-flanders-map.ts <belgium_municipalities.topojson> [out.json]');
  process.exit(2);
}
const out = process.argv[3] ?? path.resolve('server/web/board/flanders-map.json');
const flemish = JSON.parse(readFileSync(path.resolve('server/domain/organisations-data/flanders-municipalities-2025.json'), 'utf8')) as { nis: string; name: string }[];
const names = new Map(flemish.map((m) => [m.nis, m.name]));

const topology = JSON.parse(readFileSync(source, 'utf8')) as Topology;
const object = topology.objects.municipalities as GeometryCollection<{ nis: string }>;
const collection = feature(topology, object);
const kept = collection.features.filter((f) => names.has(String(f.properties?.nis))) as Feature<Polygon | MultiPolygon, { nis: string }>[];
const missing = [...names.keys()].filter((nis) => !kept.some((f) => f.properties.nis === nis));
if (missing.length) throw new Error(`no boundary for NIS ${missing.join(', ')}`);

const rings = (f: Feature<Polygon | MultiPolygon>): Position[][] =>
  f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();

let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
for (const f of kept) for (const ring of rings(f)) for (const [lon, lat] of ring as [number, number][]) {
  minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon);
  minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat);
}
const k = Math.cos(((minLat + maxLat) / 2) * Math.PI / 180);
const scale = WIDTH / ((maxLon - minLon) * k);
const height = Math.ceil((maxLat - minLat) * scale);
const project = ([lon, lat]: Position): [number, number] => [Math.round((lon! - minLon) * k * scale), Math.round((maxLat - lat!) * scale)];

function ringPath(ring: Position[]): string {
  const pts: [number, number][] = [];
  for (const p of ring) {
    const q = project(p);
    const last = pts[pts.length - 1];
    if (!last || Math.hypot(q[0] - last[0], q[1] - last[1]) >= MIN_STEP) pts.push(q);
  }
  if (pts.length < 3) return '';
  // Relative moves are shorter than absolute ones.
  let d = `M${pts[0]![0]} ${pts[0]![1]}`;
  for (let i = 1; i < pts.length; i++) d += `l${pts[i]![0] - pts[i - 1]![0]} ${pts[i]![1] - pts[i - 1]![1]}`;
  return `${d}z`;
}

const municipalities = kept
  .map((f) => ({ nis: f.properties.nis, name: names.get(f.properties.nis)!, d: rings(f).map(ringPath).join('') }))
  .sort((a, b) => a.nis.localeCompare(b.nis));
const map = { viewBox: `0 0 ${WIDTH} ${height}`, source: 'Belgian municipal boundaries 2025 (CC0), simplified', municipalities };
writeFileSync(out, JSON.stringify(map) + '\n');
console.log(`${municipalities.length} municipalities, ${(JSON.stringify(map).length / 1024).toFixed(0)} KB -> ${out}`);
