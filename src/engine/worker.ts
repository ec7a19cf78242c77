/** Worker thread of the parallel --by aggregation: sums one byte range and posts the result or the error. */
import { parentPort, workerData } from 'node:worker_threads';
import { SvcError } from '../errors.js';
import { aggregatePart } from './partial.js';

const { source, options, by, scheme } = workerData;
try {
  parentPort!.postMessage({ result: await aggregatePart(source, options, by, scheme) });
} catch (error) {
  if (error instanceof SvcError) {
    parentPort!.postMessage({ error: { code: error.code, message: error.message, location: error.location, hint: error.hint } });
  } else {
    parentPort!.postMessage({ crash: error instanceof Error ? error.message : String(error) });
  }
}
