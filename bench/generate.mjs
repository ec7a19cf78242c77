// Deterministic community-level register for the benchmark and its agreement test: one row per community.
// Usage: node bench/generate.mjs ROWS FILE [SEED] [VARIANT]
// Variants (the same rows, so the same sums): plain; quoted (every cell in double quotes); gb18030 (encoded so);
// mixed (urban_population in 万人 with 1 to 4 decimal places, trailing zeros dropped); uniform (the same in 万人,
// always 4 places).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';

export const VARIANTS = ['plain', 'quoted', 'gb18030', 'mixed', 'uniform'];

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
export async function generate(rows, file, seed = 20051231, variant = 'plain') {
  if (!VARIANTS.includes(variant)) throw new Error(`unknown variant ${variant}`);
  const next = random(seed);
  const cumulative = [];
  let total = 0;
  for (const [, , weight] of PROVINCES) cumulative.push((total += weight));
  const sums = new Map();
  const out = createWriteStream(file);
  const tenThousands = variant === 'mixed' || variant === 'uniform';
  const header = tenThousands ? HEADER.replace('urban_population', 'urban_population（万人）') : HEADER;
  const line = variant === 'quoted'
    ? (cells) => `"${cells.join('","')}"\n`
    : (cells) => `${cells.join(',')}\n`;
  // persons as 万人: 12345 → 1.2345, 12340 → 1.234 (mixed) or 1.2340 (uniform)
  const population = (persons) => {
    if (!tenThousands) return String(persons);
    const text = `${Math.floor(persons / 10000)}.${String(persons % 10000).padStart(4, '0')}`;
    return variant === 'uniform' ? text : text.replace(/\.?0+$/, '');
  };
  const write = (text) => out.write(variant === 'gb18030' ? iconv.encode(text, 'gb18030') : text);
  let buffer = line(header.split(','));
  for (let index = 0; index < rows; index += 1) {
    const pick = next() * total;
    const [province, region] = PROVINCES[cumulative.findIndex((limit) => pick < limit)];
    const persons = 1500 + Math.floor(next() * 12000);
    const members = 3 + Math.floor(next() * 9);
    const centers = next() < 0.12 ? 1 : 0;
    const facilities = Math.floor(next() * 7);
    const volunteers = Math.floor(next() * 80);
    const city = `${province}${1 + Math.floor(next() * 12)}市`;
    buffer += line([province, region, city, `C${String(index).padStart(7, '0')}`, population(persons), members, centers, facilities, volunteers]);
    const sum = sums.get(province) ?? { communities: 0, urban_population: 0, committee_members: 0, service_centers: 0, service_facilities: 0 };
    sum.communities += 1;
    sum.urban_population += persons;
    sum.committee_members += members;
    sum.service_centers += centers;
    sum.service_facilities += facilities;
    sums.set(province, sum);
    if (buffer.length > 1 << 20) {
      if (!write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  write(buffer);
  out.end();
  await once(out, 'finish');
  return sums;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [rows, file, seed, variant] = process.argv.slice(2);
  if (!rows || !file) {
    process.stderr.write('usage: node bench/generate.mjs ROWS FILE [SEED]\n');
    process.exit(2);
  }
  await generate(Number(rows), file, seed === undefined || seed === '' ? undefined : Number(seed), variant);
}
