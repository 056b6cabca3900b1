/**
 * `revops-report connect-fivetran`: the canonical warehouse tables as views over the schema a
 * Fivetran connector syncs HubSpot or Salesforce into, in the PostgreSQL schema --db names, so the
 * reports read Fivetran's tables directly (src/db/fivetranViews.ts, docs/engines.md).
 */
import { type Command, Option } from 'commander';
import type { ConnectResult } from '../db/fivetranViews.js';
import { type OutputFormat, printResult, registerView, textBlock } from '../output.js';
import { withWarehouse } from './warehouse.js';

export async function connectFivetranCommand(options: { db?: string; source: string; fromSchema: string }): Promise<ConnectResult> {
  const { connectFivetranTo } = await import('../db/fivetranViews.js');
  return withWarehouse(options.db, (wh) => connectFivetranTo(wh, options.source, options.fromSchema));
}

registerView<ConnectResult>('connect-fivetran', (result) =>
  [
    textBlock(
      `Views in ${result.schema} over Fivetran's ${result.source} schema ${result.fromSchema}:`,
      Object.entries(result.views).map(([table, reads]) => `${table} ← ${reads.join(', ')}`),
    ),
    ...(result.notes.length ? [textBlock('Left empty:', result.notes)] : []),
    'The reports read them now: revops-report funnel --db <the same URL>',
  ].join('\n'),
);

export function addConnectFivetranCommand(program: Command): void {
  program
    .command('connect-fivetran')
    .description("point the models at Fivetran's HubSpot or Salesforce tables in PostgreSQL: the warehouse tables become views over them, no export or load")
    .addOption(new Option('--source <crm>', 'which connector the schema holds').choices(['hubspot', 'salesforce']).makeOptionMandatory())
    .requiredOption('--from-schema <schema>', 'the schema Fivetran writes the connector into (e.g. hubspot)')
    .addOption(new Option('--format <format>', 'output').choices(['table', 'json']).default('table'))
    .addOption(new Option('--db <url>', 'the PostgreSQL warehouse: postgres://…?schema=revops, where the views go (default: $REVOPS_DB)'))
    .addHelpText(
      'after',
      `\nExamples:\n  $ revops-report connect-fivetran --db 'postgres://revops@db.internal/crm?schema=revops' --source hubspot --from-schema hubspot\n  $ revops-report funnel --db 'postgres://revops@db.internal/crm?schema=revops'\n`,
    )
    .action(async (opts) => {
      printResult(await connectFivetranCommand(opts), opts.format as OutputFormat, 'connect-fivetran');
    });
}
