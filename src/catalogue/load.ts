import { readText } from '../io/sources/source.js';
import type { Catalogue } from './catalogue.js';
import { BUILTIN_CATALOGUE } from './catalogue.js';
import { parseUserCatalogue } from './user-catalogue.js';

/** The built-in catalogue, extended by a user's --indicators-file when one is given. */
export async function loadCatalogue(file: string | undefined): Promise<Catalogue> {
  if (file === undefined) return BUILTIN_CATALOGUE;
  return parseUserCatalogue(await readText(file), file);
}
