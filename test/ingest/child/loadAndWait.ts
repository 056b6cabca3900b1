/**
 * Child process of the kill test: loads the given files into a DuckDB file and prints
 * `inside-transaction <index>` from the onFile callback, so the parent can SIGKILL it mid-load.
 * Run: node --experimental-transform-types (parameter properties need more than strip-types) --import ./register.mjs loadAndWait.ts DB FILE...
 */
import { parseConfig } from '../../../src/config/config.js';
import { Warehouse } from '../../../src/db/connection.js';
import { loadFiles } from '../../../src/ingest/load.js';

const [dbPath, ...files] = process.argv.slice(2);
const wh = await Warehouse.open({ path: dbPath! });
await loadFiles(wh, parseConfig({}), {
  paths: files,
  crm: 'auto',
  onFile: (_path, index) => process.stdout.write(`inside-transaction ${index}\n`),
});
wh.close();
process.stdout.write('committed\n');
