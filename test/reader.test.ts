// The reader suite on the default path: papaparse for quote-free text, csv-parse from the first quote.
import { readerSuite } from './reader.suite.js';

readerSuite();
