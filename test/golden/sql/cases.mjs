// The Spark SQL and PostgreSQL texts of `svc-stats sql`, checked byte for byte against the files beside this one
// (no Spark or PostgreSQL server runs in the tests). Recorded with scripts/record-sql-goldens.mjs; a deliberate
// change of the query text is re-recorded and shows in the diff of test/golden/sql/.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..', '..', '..');

export const SQL_GOLDENS = [
  { name: 'spark-long-region-totals', args: ['sql', 'fixtures/extracts/long-2008-2009.csv', '--dialect', 'spark', '--table', 'mca.yearbook', '--by', 'region', '--totals'] },
  { name: 'spark-register-province', args: ['sql', '--columns', 'province,region,city,community_id,urban_population（万人）,committee_members,service_centers', '--dialect', 'spark', '--table', 'registers', '--rows-are', 'communities', '--by', 'province', '-i', 'population_per_community,centers_per_10k_residents', '--rounding', 'half-even'] },
  { name: 'postgres-half-way-rows', args: ['sql', 'fixtures/sql/half-way.csv', '--dialect', 'postgres', '--table', 'half_way', '--totals', '--rounding', 'truncate', '-i', 'population_per_community,residents_per_center_10k'] },
  { name: 'postgres-formulas-region', args: ['sql', 'fixtures/sql/half-way.csv', '--dialect', 'postgres', '--table', 'public."half way"', '--indicators-file', 'fixtures/sql/formulas.json', '--by', 'region', '--regions', 'four', '-i', 'places_per_100_communities,members_per_center_share'] },
].map((golden) => ({ ...golden, file: join(HERE, `${golden.name}.sql`) }));
