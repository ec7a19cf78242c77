// Deterministic community-level register for the benchmark and its agreement test: one row per community.
// Usage: node bench/generate.mjs ROWS FILE [SEED]
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';

/** Province, its belt (NBS three-belt scheme) and a weight for how many communities it has. */
const PROVINCES = [
  ['北京', '东部', 3], ['天津', '东部', 2], ['河北', '东部', 4], ['山西', '中部', 3], ['内蒙古', '西部', 2],
  ['辽宁', '东部', 5], ['吉林', '中部', 3], ['黑龙江', '中部', 4], ['上海', '东部', 4], ['江苏', '东部', 6],
  ['浙江', '东部', 5], ['安徽', '中部', 4], ['福建', '东部', 3], ['江西', '中部', 2], ['山东', '东部', 6],
  ['河南', '中部', 5], ['湖北', '中部', 4], ['湖南', '中部', 4], ['广东', '东部', 7], ['广西', '西部', 2],
  ['海南', '东部', 1], ['重庆', '西部', 2], ['四川', '西部', 4], ['贵州', '西部', 2], ['云南', '西部', 2],
  ['西藏', '西部', 1], ['陕西', '西部', 3], ['甘肃', '西部', 2], ['青海', '西部', 1], ['宁夏', '西部', 1],
  ['新疆', '西部', 2],
];
export const HEADER = 'province,region,city,community_id,urban_population,committee_members,service_centers,service_facilities,volunteers';

/** A small, fast, seedable generator (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes ROWS rows and returns the per-province sums computed while writing, an independent reference for
 * checking svc-stats, Miller and datamash.
 */
export async function generate(rows, file, seed = 20051231) {
  const next = random(seed);
  const cumulative = [];
  let total = 0;
  for (const [, , weight] of PROVINCES) cumulative.push((total += weight));
  const sums = new Map();
  const out = createWriteStream(file);
  let buffer = `${HEADER}\n`;
  for (let index = 0; index < rows; index += 1) {
    const pick = next() * total;
    const [province, region] = PROVINCES[cumulative.findIndex((limit) => pick < limit)];
    const population = 1500 + Math.floor(next() * 12000);
    const members = 3 + Math.floor(next() * 9);
    const centers = next() < 0.12 ? 1 : 0;
    const facilities = Math.floor(next() * 7);
    const volunteers = Math.floor(next() * 80);
    buffer += `${province},${region},${province}${1 + Math.floor(next() * 12)}市,C${String(index).padStart(7, '0')},${population},${members},${centers},${facilities},${volunteers}\n`;
    const sum = sums.get(province) ?? { communities: 0, urban_population: 0, committee_members: 0, service_centers: 0, service_facilities: 0 };
    sum.communities += 1;
    sum.urban_population += population;
    sum.committee_members += members;
    sum.service_centers += centers;
    sum.service_facilities += facilities;
    sums.set(province, sum);
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return sums;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [rows, file, seed] = process.argv.slice(2);
  if (!rows || !file) {
    process.stderr.write('usage: node bench/generate.mjs ROWS FILE [SEED]\n');
    process.exit(2);
  }
  await generate(Number(rows), file, seed === undefined ? undefined : Number(seed));
}
