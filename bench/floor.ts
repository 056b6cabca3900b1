/**
 * The "floor" of a benchmark: plain DuckDB doing the same work by hand in one process, timed
 * without Node's start-up. Prints {seconds, peakRssMb, cpuSeconds} as JSON. Under the big bench's
 * $REVOPS_MEMORY_LIMIT / $REVOPS_TEMP_DIR the floor runs with the same limit as the CLI it is
 * compared with.
 *   node dist/bench/floor.js DB_PATH SQL_FILE
 */
import { readFile } from 'node:fs/promises';
import { Warehouse } from '../src/db/connection.js';

const [dbPath, sqlFile] = process.argv.slice(2);
const sql = await readFile(sqlFile!, 'utf8');
const { REVOPS_MEMORY_LIMIT: memoryLimit, REVOPS_TEMP_DIR: tempDir } = process.env;
const wh = await Warehouse.open({ path: dbPath!, skipSchema: true, ...(memoryLimit ? { memoryLimit } : {}), ...(tempDir ? { tempDir } : {}) });
const started = performance.now();
const cpu = process.cpuUsage();
await wh.runScript(sql, sqlFile!);
const seconds = (performance.now() - started) / 1000;
const { user, system } = process.cpuUsage(cpu);
wh.close();
process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: (user + system) / 1e6 })}\n`);
