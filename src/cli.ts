/**
 * The command line: commander wiring only. Each command lazy-imports src/commands/<name>.ts,
 * calls one function with normalised options, and prints what it returns. Errors are printed
 * once here: a UserError as its message with its exit code, anything else as an internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import type { ReportOutputs } from './commands/emit.js';
import { addConnectFivetranCommand } from './commands/connectFivetran.js';
import { addEngineOption } from './commands/engineOption.js';
import { addResourceOptions } from './commands/resourceOptions.js';
import { setRunResources } from './db/runResources.js';
import { UserError } from './errors.js';
import { handleCtrlC, interruptedExitCode, interruptedMessage, wasInterrupted } from './interrupt.js';
import { printResult, type OutputFormat } from './output.js';
import { progress as reporter } from './progress.js';
import { addProgressOptions, startCommandProgress, stopCommandProgress } from './progressOptions.js';
import { terminalText } from './terminal.js';
import { version } from './version.js';
import './views.js';

const examples = (...lines: string[]) => `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
// on a terminal only (not with --quiet); names files, shown terminal-safe like any CRM text
const progress = (message: string) => reporter().note(message);

/**
 * A report whose `--format csv` is a full list DuckDB writes straight from the warehouse (to
 * stdout without --out); every other format renders the report's outputs.
 */
async function emitWithWarehouseCsv<O extends { format?: string; out?: string; wide?: boolean }, R>(
  opts: O,
  make: (options: O) => Promise<R | undefined | unknown>,
  outputs: (report: R) => ReportOutputs,
): Promise<void> {
  if (opts.format === 'csv') {
    await make({ ...opts, format: 'csv' });
    if (opts.out) progress(`wrote ${opts.out}`);
    return;
  }
  const { emitReport } = await import('./commands/emit.js');
  const report = (await make({ ...opts, out: undefined, format: undefined })) as R;
  const written = await emitReport(opts.format, opts.out, outputs(report), { wide: opts.wide });
  if (written) progress(`wrote ${written}`);
}

function buildProgram(): Command {
  const program = new Command()
    .name('revops-report')
    .description('Lifecycle, funnel, speed-to-lead, SLA, pipeline and scoring-backtest reports from CRM exports, computed in DuckDB.')
    .version(version, '-V, --version')
    .option('--debug', 'print stack traces of errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `${examples(
        'revops-report demo                                  # sample data in, every report out (out/demo/)',
        'revops-report load exports/                         # load every export in a folder into ./revops.duckdb',
        'revops-report funnel --since 90d --by source',
        'revops-report sla --since 30d --format html --out reports/',
      )}
Exit codes: 0 success, 1 data or run error, 2 usage error, 3 data check failed (load: a file mostly rejected; build), 75 the warehouse or output folder is in use by another run, 130 interrupted (Ctrl-C).
Every command takes --help. Definitions of every number: docs/metrics.md; the default stages, SLAs and scoring templates: docs/defaults.md.`,
    )
    .exitOverride();
  const dbOption = () => new Option('--db <path>', 'warehouse file (default: $REVOPS_DB or ./revops.duckdb)');
  const configOption = () => new Option('--config <file>', 'config file (default: ./revops.config.json when present)');

  program
    .command('load')
    .description('load CRM export files (HubSpot, Salesforce, Fivetran dumps, canonical CSV) into the warehouse')
    .argument('<paths...>', 'export files or folders of them')
    .addOption(new Option('--crm <crm>', 'which CRM the files come from').choices(['auto', 'hubspot', 'salesforce', 'fivetran', 'canonical']).default('auto'))
    .option('--timezone <tz>', 'IANA zone of timestamps without an offset (default: config, else UTC)')
    .option('--mapping <file>', 'JSON file naming the columns of an export the loader does not recognise')
    .option('--input-format <name>', 'read every file as this known export format (a name from the load summary, e.g. salesforce_user) instead of detecting it')
    .addOption(
      new Option('--date-order <order>', 'day/month order for dates like 03/04/2024 (wins over the data: values that contradict it are rejected)').choices([
        'mdy',
        'dmy',
      ]),
    )
    .addOption(new Option('--decimal <mark>', 'decimal mark of amounts like 1.234 or 1,234 (default: decided per column)').choices(['point', 'comma']))
    .option('--snapshot-at <time>', 'the export time the files speak for (default: a date in the file name, else its mtime, never a future one)')
    .option('--max-reject-rate <rate>', 'exit 3, loading nothing, when a file has more than this share of its rows rejected (0.05 or 5%; default 50%)')
    .option('--skip-unknown', 'skip (and list) files no known export format matches instead of failing the load')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
    .option('--wide', 'table: show every column, however wide the terminal')
    .addOption(dbOption())
    .addOption(configOption())
    .addHelpText(
      'after',
      examples(
        'revops-report load exports/hubspot-contacts-2024-06-01.csv',
        'revops-report load sample-data/ --format json',
        'revops-report load legacy.csv --mapping legacy-mapping.json --timezone Europe/Berlin',
      ),
    )
    .action(async (paths: string[], opts) => {
      const { load } = await import('./commands/load.js');
      const summary = await load({ paths, ...opts });
      printResult(summary, opts.format as OutputFormat, 'load', { wide: opts.wide });
      // said whether or not stderr is a terminal: a cron log must show the assumption too
      if (summary.zoneNote) process.stderr.write(`${summary.zoneNote}\n`);
      if (summary.files.some((f) => f.rejected > 0)) progress('Some rows were rejected: `revops-report rejects` lists them with their reasons.');
    });

  /** The window, as-of and output flags every report command shares. */
  const reportCommand = (name: string, description: string) =>
    program
      .command(name)
      .description(description)
      .option('--since <duration>', 'entries in this period up to the as-of: 90d, 12w, 6m, 1y (default 90d)')
      .option('--from <date>', 'window start (YYYY-MM-DD), with --to')
      .option('--to <date>', 'window end, inclusive (YYYY-MM-DD)')
      .option('--as-of <date>', 'the report\'s "now" (default: now); makes a report reproducible')
      .addOption(
        new Option('--format <format>', 'table (default on a terminal), json (default when piped), csv, html, parquet, arrow').choices([
          'table',
          'json',
          'csv',
          'html',
          'parquet',
          'arrow',
        ]),
      )
      .option('--out <path>', 'write to this file (html, parquet, arrow: a folder that receives the files)')
      .option('--wide', 'table: show every column, however wide the terminal')
      .addOption(dbOption())
      .addOption(configOption());

  reportCommand('funnel', 'stage conversion rates for a cohort of leads, with definitions')
    .option('--cohort-stage <stage>', 'the stage whose first entry in the window defines the cohort (default: first of --stages)')
    .option('--stages <list>', 'comma-separated stage ids in order (default: lead,mql,sql,opportunity,customer)')
    .option('--by <field>', 'break down by source, owner, team, segment, or any lead field kept at load')
    .addOption(new Option('--interval <interval>', 'conversion by cohort period').choices(['week', 'month', 'quarter']))
    .option('--window <duration>', 'matured conversion: count a conversion only within this time of the previous stage (e.g. 30d)')
    .addOption(
      new Option('--skipped <mode>', 'count: reaching a later stage passes skipped ones; strict: it does not').choices(['count', 'strict']).default('count'),
    )
    .addHelpText(
      'after',
      examples(
        'revops-report funnel --since 90d',
        'revops-report funnel --from 2024-01-01 --to 2024-03-31 --as-of 2024-06-30 --cohort-stage mql --by source',
        'revops-report funnel --since 1y --interval month --window 30d --format html --out reports/',
        'revops-report funnel --since 90d --format json > funnel.json',
      ),
    )
    .action(async (opts) => {
      const { funnel, funnelOutputs } = await import('./commands/funnel.js');
      const { emitReport } = await import('./commands/emit.js');
      const written = await emitReport(opts.format, opts.out, funnelOutputs(await funnel(opts), opts.by), { wide: opts.wide });
      if (written) progress(`wrote ${written}`);
    });

  reportCommand('speed-to-lead', 'time from MQL to first sales touch, in wall-clock and business time, and whether speed pays')
    .option('--by <field>', 'an extra breakdown by a lead attribute (owner, team and source are always given)')
    .option('--sla <name>', 'the first-touch SLA to measure (default: the first SLA that ends in a touch)')
    .addOption(new Option('--clock <clock>', 'which elapsed time the response buckets read').choices(['business', 'wall']).default('business'))
    .addHelpText(
      'after',
      examples(
        'revops-report speed-to-lead --since 90d',
        'revops-report speed-to-lead --since 30d --as-of 2024-06-30 --by segment --format html --out reports/',
      ),
    )
    .action(async (opts) => {
      const { speedToLead } = await import('./commands/speedToLead.js');
      const { speedToLeadOutputs } = await import('./commands/slaOutputs.js');
      const { emitReport } = await import('./commands/emit.js');
      const report = await speedToLead({ ...opts, out: undefined, format: undefined });
      const written = await emitReport(opts.format, opts.out, speedToLeadOutputs(report), { wide: opts.wide });
      if (written) progress(`wrote ${written}`);
    });

  reportCommand('sla', 'compliance with every handoff SLA, the breach list and the leaks')
    .option('--by <field>', 'an extra breakdown by a lead attribute (owner, team and week are always given)')
    .addHelpText(
      'after',
      examples(
        'revops-report sla --since 90d',
        'revops-report sla --since 30d --format csv --out breaches.csv',
        'revops-report sla --from 2024-04-01 --to 2024-06-30 --format html --out reports/',
      ),
    )
    .action(async (opts) => {
      const { sla } = await import('./commands/sla.js');
      const { slaOutputs } = await import('./commands/slaOutputs.js');
      // csv: the full breach list
      await emitWithWarehouseCsv(opts, sla, slaOutputs);
    });

  reportCommand(
    'routing',
    'the lead-routing audit: distribution per owner against the expected share, unassigned leads, time to assign, ABM tiers, buying committees',
  )
    .option('--list <name>', 'csv: which list (unassigned, distribution, fairness, reassignments, abm-breaches, committees)', 'unassigned')
    .addHelpText(
      'after',
      examples('revops-report routing --since 90d', 'revops-report routing --since 30d --format csv --list reassignments --out reassignments.csv'),
    )
    .action(async (opts) => {
      const { routing } = await import('./commands/routing.js');
      const { routingOutputs } = await import('./commands/routingOutputs.js');
      const { emitReport } = await import('./commands/emit.js');
      const written = await emitReport(opts.format, opts.out, routingOutputs(await routing(opts), opts.list), { wide: opts.wide });
      if (written) progress(`wrote ${written}`);
    });

  reportCommand('hygiene', 'the data-quality audit: duplicates in tiers, required fields by stage, stuck, stale and unowned leads, the bottleneck stage')
    .addHelpText(
      'after',
      examples('revops-report hygiene --since 90d', 'revops-report hygiene --format csv --out hygiene.csv   # every flagged record, one row each'),
    )
    .action(async (opts) => {
      const { hygiene } = await import('./commands/hygiene.js');
      const { hygieneOutputs } = await import('./commands/hygieneOutputs.js');
      // csv: every flagged record of every list
      await emitWithWarehouseCsv(opts, hygiene, hygieneOutputs);
    });

  reportCommand(
    'pipeline',
    'where deals die, stall and slip: stage conversion, time in stage, win rate, cycle, velocity, stale deals, pushes, waterfall, coverage',
  )
    .option('--by <field>', 'win rate by source (default), owner, team, segment, product, pipeline or any deal or lead field')
    .option('--pipeline <name>', 'keep one pipeline apart')
    .option('--quota <file>', 'quota CSV (period, owner or team, amount) for coverage')
    .option('--trailing <duration>', "velocity's trailing window of closes (default 12m)")
    .addHelpText(
      'after',
      examples('revops-report pipeline --since 90d', 'revops-report pipeline --from 2024-04-01 --to 2024-06-30 --quota quota.csv --format html --out reports/'),
    )
    .action(async (opts) => {
      const { pipeline } = await import('./commands/pipeline.js');
      const { pipelineOutputs } = await import('./commands/pipelineOutputs.js');
      const { emitReport } = await import('./commands/emit.js');
      const written = await emitReport(opts.format, opts.out, pipelineOutputs(await pipeline(opts)), { wide: opts.wide });
      if (written) progress(`wrote ${written}`);
    });

  reportCommand('overview', 'the revenue overview: Lead→MQL, MQL→SQL, SQL→Opportunity, win rate and speed-to-lead against their benchmarks, on one page')
    .addHelpText(
      'after',
      examples(
        'revops-report overview --since 90d',
        'revops-report overview --from 2024-04-01 --to 2024-06-30 --as-of 2024-07-31 --format json',
        'revops-report overview --since 1y --format html --out reports/   # tiles link to funnel.html, speed-to-lead.html, sla.html beside it',
      ),
    )
    .action(async (opts) => {
      const { overview, overviewOutputs } = await import('./commands/overview.js');
      const { emitReport } = await import('./commands/emit.js');
      const written = await emitReport(opts.format, opts.out, overviewOutputs(await overview(opts)));
      if (written) progress(`wrote ${written}`);
    });

  const scoring = program.command('scoring').description('lead-scoring models: templates, scores as of a date, backtests');
  scoring
    .command('init')
    .description('write a starting scoring model from a template (point values: docs/defaults.md)')
    .addOption(
      new Option('--template <name>', 'plg (ACV $500–5K), enterprise ($50K+), midmarket ($5K–25K)')
        .choices(['plg', 'enterprise', 'midmarket'])
        .makeOptionMandatory(),
    )
    .option('--out <file>', 'write the model here instead of printing it')
    .option('--force', 'overwrite --out if it exists')
    .addHelpText('after', examples('revops-report scoring init --template plg --out models/plg.json'))
    .action(async (opts) => {
      const { scoringInit } = await import('./commands/scoring.js');
      const result = await scoringInit({ template: opts.template, out: opts.out, force: opts.force });
      if (result.writtenTo) progress(`wrote ${result.writtenTo}`);
      else process.stdout.write(result.text.endsWith('\n') ? result.text : `${result.text}\n`);
    });
  scoring
    .command('score')
    .description('score every lead as of a date with a model (for checking a model by eye)')
    .requiredOption('--model <file>', 'scoring model JSON')
    .option('--as-of <date>', 'score with what was known then (default: now)')
    .addOption(new Option('--format <format>', 'output').choices(['json', 'csv']).default('json'))
    .option('--out <file>', 'write to this file')
    .addOption(dbOption())
    .addOption(configOption())
    .addHelpText('after', examples('revops-report scoring score --model models/plg.json --as-of 2024-06-30 --format csv --out scores.csv'))
    .action(async (opts) => {
      const { scoringScoreCommand } = await import('./commands/scoringCli.js');
      const written = await scoringScoreCommand(opts);
      if (written) progress(`wrote ${written}`);
    });

  scoring
    .command('backtest')
    .description('what a scoring model (and a candidate) would really have done: scores as of each decision, no leakage')
    .requiredOption('--model <file>', 'the current scoring model')
    .option('--compare <file>', 'a candidate model to compare with')
    .addOption(
      new Option('--target <stage>', 'the outcome: reaching this stage within the horizon').choices(['sql', 'opportunity', 'customer']).default('customer'),
    )
    .option('--horizon <duration>', 'how long after the decision the outcome may happen', '90d')
    .option('--decision <rule>', 'when each lead is judged: mql (its qualification review), created, or created+Nd', 'mql')
    .option('--holdout-from <date>', 'decisions from this date form the untouched holdout (default: the 70th percentile of resolved decisions)')
    .option('--embargo <duration>', 'development outcomes must have matured this long before the first holdout decision (default: the horizon)')
    .option('--as-of <date>', 'the backtest\'s "now" (default: now)')
    .addOption(
      new Option('--format <format>', 'table (default on a terminal), json, csv (the threshold sweep), html, parquet, arrow').choices([
        'table',
        'json',
        'csv',
        'html',
        'parquet',
        'arrow',
      ]),
    )
    .option('--out <path>', 'write here (html, parquet, arrow: a folder); decision-record.json is written beside it')
    .option('--wide', 'table: show every column, however wide the terminal')
    .addOption(dbOption())
    .addOption(configOption())
    .addHelpText(
      'after',
      examples(
        'revops-report scoring init --template plg --out plg.json',
        'revops-report scoring backtest --model plg.json --compare plg-strict.json --target customer --horizon 90d',
        'revops-report scoring backtest --model plg.json --decision created+7d --holdout-from 2024-07-01 --format html --out reports/',
      ),
    )
    .action(async (opts) => {
      const { scoringBacktest } = await import('./commands/scoring.js');
      const { backtestOutputs } = await import('./commands/backtestOutputs.js');
      const { emitReport } = await import('./commands/emit.js');
      const report = await scoringBacktest({ ...opts, modelPath: opts.model, comparePath: opts.compare });
      const written = await emitReport(opts.format, opts.out, backtestOutputs(report), { wide: opts.wide });
      if (written) progress(`wrote ${written}`);
    });

  program
    .command('rejects')
    .description('list the rows loads could not use, with file, line and reason')
    .option('--load <id>', 'only this load run (see load_runs)', (v) => parsePositiveInt(v, '--load'))
    .option('--limit <n>', 'at most this many rows (default: 1000 in the table and JSON; csv writes all)', (v) => parsePositiveInt(v, '--limit'))
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json', 'csv']).default('table'))
    .addOption(dbOption())
    .addHelpText('after', examples('revops-report rejects', 'revops-report rejects --load 3 --format csv > rejects.csv'))
    .action(async (opts) => {
      const { cappedNote, rejects } = await import('./commands/rejects.js');
      const result = await rejects({ db: opts.db, load: opts.load, limit: opts.limit, all: opts.format === 'csv' });
      if (opts.format === 'csv') {
        const { toCsv } = await import('./reports/escape.js');
        const csv = toCsv(['loadId', 'path', 'line', 'reason', 'rawLine'], result.rows as unknown as Record<string, unknown>[]);
        process.stdout.write(process.stdout.isTTY ? terminalText(csv) : csv);
      } else printResult(result.rows, opts.format as OutputFormat, 'rejects');
      const note = cappedNote(result);
      if (note) process.stderr.write(`${note}\n`);
    });

  program
    .command('lead')
    .description("print one lead's reconstructed lifecycle timeline, with the file and row of each event")
    .argument('<id>', 'lead id (HubSpot Record ID, Salesforce Id, or canonical lead_id)')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
    .addOption(dbOption())
    .addOption(configOption())
    .addHelpText('after', examples('revops-report lead 00Q5e00000ABCDE', 'revops-report lead 1501 --format json'))
    .action(async (id: string, opts) => {
      const { leadTimeline } = await import('./commands/lead.js');
      printResult(await leadTimeline({ id, ...opts }), opts.format as OutputFormat, 'lead');
    });

  program
    .command('sample')
    .description('write realistic, deterministic sample exports (HubSpot, Salesforce, canonical)')
    .requiredOption('--out <dir>', 'folder to write into')
    .option('--leads <n>', 'number of leads', (v) => parsePositiveInt(v, '--leads'), 500)
    .option('--seed <n>', 'random seed', (v) => parsePositiveInt(v, '--seed'), 42)
    .addHelpText('after', examples('revops-report sample --out /tmp/sample --leads 2000 --seed 7'))
    .action(async (opts) => {
      const { sample } = await import('./commands/sample.js');
      printResult(await sample({ out: opts.out, leads: opts.leads, seed: opts.seed }), 'json', 'sample');
    });

  program
    .command('demo')
    .description('load the bundled sample data into a fresh warehouse and write every report')
    .option('--out <dir>', 'where reports go', 'out/demo')
    .addHelpText('after', examples('revops-report demo', 'revops-report demo --out /tmp/demo'))
    .action(async (opts) => {
      const { demo } = await import('./commands/demo.js');
      const result = await demo({ out: opts.out, progress: (m) => process.stderr.write(`${m}\n`) });
      printResult(result, 'table', 'demo');
    });

  program
    .command('build')
    .description('scheduled build: load new exports from the inbox, write every report into DIR/YYYY-MM-DD/, switch DIR/latest/, update DIR/index.html')
    .requiredOption('--out <dir>', 'output folder (a shared drive is fine)')
    .option('--inbox <dir>', 'folder of new exports (default: "inbox" in the config)')
    .option('--as-of <date>', 'the run\'s "now" and date (default: now, UTC)')
    .option('--since <duration>', 'report window up to the as-of (default: config build.since, else 1y)')
    .option('--reports <list>', 'comma-separated reports to build (default: config build.reports, else all)')
    .option('--keep <n>', 'keep the newest N dated runs, remove older ones')
    .option('--export <formats>', "also write each report's tables as csv,parquet,arrow under data/")
    .option('--max-reject-rate <rate>', 'exit 3 when more than this share of rows read is rejected (0.05 or 5%)')
    .option('--max-staleness <duration>', 'exit 3 when the newest record is older than this at the as-of (e.g. 2d)')
    .option('--settle-seconds <n>', 'leave inbox files modified in the last N seconds, or still growing, for a later run (default 60; 0 loads at once)')
    .addOption(
      new Option('--log-format <format>', 'text (progress on a terminal, quiet otherwise) or json (one event per line on stdout)')
        .choices(['text', 'json'])
        .default('text'),
    )
    .addOption(dbOption())
    .addOption(configOption())
    .addHelpText(
      'after',
      examples(
        'revops-report build --out /mnt/reports/revops --config /etc/revops/revops.config.json',
        'revops-report build --out reports/ --inbox exports/ --keep 30 --export csv,parquet',
        'revops-report build --out reports/ --log-format json --max-reject-rate 2% --max-staleness 2d',
      ),
    )
    .action(async (opts) => {
      const { build } = await import('./commands/build.js');
      const result = await build(opts.quiet ? { ...opts, tty: false } : opts);
      if (process.stderr.isTTY && opts.logFormat !== 'json') {
        process.stderr.write(`run ${result.run} complete: ${result.manifest.reports.length} report(s); open ${opts.out}/index.html\n`);
      }
    });

  addConnectFivetranCommand(program);
  addProgressOptions(program);
  program.hook('preAction', (_program, command) => startCommandProgress(command));
  addResourceOptions(program);
  addEngineOption(program);
  return program;
}

export function parsePositiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UserError(`${name} must be a positive whole number, not "${value}"`, 2);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const debug = argv.includes('--debug');
  const stopListening = handleCtrlC();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    stopCommandProgress();
    if (wasInterrupted()) {
      process.stderr.write(`revops-report: ${interruptedMessage()}\n`);
      return interruptedExitCode;
    }
    if (error instanceof CommanderError) {
      // help and version end here too, with exit code 0
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UserError) {
      // messages quote file names and values from files: shown terminal-safe
      process.stderr.write(`revops-report: ${terminalText(error.message)}\n`);
      if (debug) process.stderr.write(`${terminalText(String(error.stack))}\n`);
      return error.exitCode;
    }
    process.stderr.write(`revops-report: internal error: ${terminalText((error as Error).message)}\n`);
    if (debug) process.stderr.write(`${terminalText(String((error as Error).stack))}\n`);
    else process.stderr.write('(run again with --debug for details)\n');
    return 1;
  } finally {
    stopCommandProgress();
    stopListening();
    // an in-process caller (a test) opening a warehouse afterwards gets DuckDB's defaults again
    setRunResources({});
  }
}
