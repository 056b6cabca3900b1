/**
 * The "floor" of a benchmark: plain DuckDB doing the same work by hand in one process, timed
 * without Node's start-up. Prints {seconds, peakRssMb, cpuSeconds} as JSON.
 *   node dist/bench/floor.js DB_PATH SQL_FILE
 */
import { readFile } from 'node:fs/promises';
import { Warehouse } from '../src/db/connection.js';

const [dbPath, sqlFile] = process.argv.slice(2);
const sql = await readFile(sqlFile!, 'utf8');
const wh = await Warehouse.open({ path: dbPath!, skipSchema: true });
const started = performance.now();
const cpu = process.cpuUsage();
await wh.runScript(sql, sqlFile!);
const seconds = (performance.now() - started) / 1000;
const { user, system } = process.cpuUsage(cpu);
wh.close();
process.stdout.write(`${JSON.stringify({ seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, cpuSeconds: (user + system) / 1e6 })}\n`);
