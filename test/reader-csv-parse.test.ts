// The same reader suite with csv-parse reading everything, as before papaparse was added for speed.
import { readerSuite } from './reader.suite.js';

process.env['SVC_STATS_PARSER'] = 'csv-parse';
readerSuite();
