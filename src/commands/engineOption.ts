/**
 * --engine, added once to every command that opens a warehouse (those with --db) and checked
 * before the command runs against the warehouse --db names (src/config/engine.ts). The warehouse
 * opens as before, by its path or URL: the engine is a statement that must agree with it.
 */
import { type Command, Option } from 'commander';

const engineOption = () =>
  new Option(
    '--engine <engine>',
    'the engine the warehouse runs on, checked against --db: duckdb (a file) or postgres (a postgres:// URL) (default: $REVOPS_ENGINE, config "engine", else what --db is)',
  ).choices(['duckdb', 'postgres']);

const engineExample = (command: Command) =>
  `On PostgreSQL (docs/engines.md):\n  $ revops-report ${command.parent?.parent ? `${command.parent.name()} ` : ''}${command.name()} --engine postgres --db 'postgres://revops@db.internal/crm?schema=revops'\n`;

const hasDb = (command: Command) => command.options.some((o) => o.long === '--db');

function* commandsOf(command: Command): Generator<Command> {
  for (const sub of command.commands) {
    yield sub;
    yield* commandsOf(sub);
  }
}

export function addEngineOption(program: Command): void {
  for (const command of commandsOf(program)) {
    if (!hasDb(command)) continue;
    command.addOption(engineOption());
    command.addHelpText('after', engineExample(command));
  }
  program.hook('preAction', async (_program, action) => {
    if (!hasDb(action)) return;
    const { resolveEngine } = await import('../config/engine.js');
    const opts = action.opts<{ engine?: string; db?: string; config?: string }>();
    // as the resource options do: the config file is read even by a command without --config (rejects)
    const config = (await import('../config/config.js')).loadConfig(opts.config).engine;
    resolveEngine({ option: opts.engine, env: process.env, config, db: opts.db });
  });
}
