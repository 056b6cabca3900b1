/**
 * --memory-limit, --threads and --temp-dir, added once to every command that opens a warehouse
 * (those with --db, and demo), and resolved before the command runs: option > $REVOPS_* >
 * config "resources" > DuckDB's default (docs/resources.md). Resolved here, they hold for the
 * whole run (src/db/runResources.ts), so no command passes them along; main() clears them after.
 */
import { type Command, Option } from 'commander';
import { setRunResources } from '../db/runResources.js';

const resourceOptions = () => [
  new Option(
    '--memory-limit <size>',
    "DuckDB's memory limit, e.g. 4GB or 512MiB; past it DuckDB spills to the temp dir (default: $REVOPS_MEMORY_LIMIT, config resources.memoryLimit, else 80% of RAM)",
  ),
  new Option('--threads <n>', "DuckDB's worker threads (default: $REVOPS_THREADS, config resources.threads, else one per core)"),
  new Option('--temp-dir <dir>', 'where DuckDB spills when over the memory limit (default: $REVOPS_TEMP_DIR, config resources.tempDir, else <warehouse>.tmp)'),
];

const opensWarehouse = (command: Command) => command.options.some((o) => o.long === '--db') || command.name() === 'demo';

/** The demo makes its own config and warehouse: the one in the working folder is not its business. */
const readsConfig = (command: Command) => command.name() !== 'demo';

function* commandsOf(command: Command): Generator<Command> {
  for (const sub of command.commands) {
    yield sub;
    yield* commandsOf(sub);
  }
}

export function addResourceOptions(program: Command): void {
  for (const command of commandsOf(program)) {
    if (opensWarehouse(command)) for (const option of resourceOptions()) command.addOption(option);
  }
  program.hook('preAction', async (_program, action) => {
    if (!opensWarehouse(action)) return setRunResources({});
    const { resolveResources } = await import('../config/resources.js');
    const opts = action.opts<{ memoryLimit?: string; threads?: string; tempDir?: string; config?: string }>();
    const config = readsConfig(action) ? (await import('../config/config.js')).loadConfig(opts.config).resources : undefined;
    setRunResources(resolveResources({ options: opts, env: process.env, config }));
  });
}
