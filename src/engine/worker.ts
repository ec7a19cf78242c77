/** Worker thread of the parallel --by aggregation: sums one byte range and posts the result or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { SvcError } from '../errors.js';
import { UnitKeySet } from '../table/unit-keys.js';
import { aggregatePart } from './partial.js';

const { source, options, by, scheme } = workerData;
try {
  const result = await aggregatePart(source, options, by, scheme);
  // the unit keys (tens of MiB) move to the main thread without a copy
  parentPort!.postMessage({ result }, result.unitLines === undefined ? [] : UnitKeySet.buffers(result.unitLines));
} catch (error) {
  if (error instanceof SvcError) {
    parentPort!.postMessage({ error: { code: error.code, message: error.message, location: error.location, hint: error.hint } });
  } else {
    parentPort!.postMessage({ crash: error instanceof Error ? error.message : String(error) });
  }
}
