/**
 * `--quiet` and `--log-format` on every command, and the progress form they pick (src/progress.ts):
 * one place, so every command reads them the same way.
 */
import { type Command, Option } from 'commander';
import { usageError } from './errors.js';
import { type LogFormat, logFormats, progress, startProgress, stopProgress } from './progress.js';

/** Adds the two options to every command (and subcommand) that does not declare them itself. */
export function addProgressOptions(program: Command): void {
  for (const command of program.commands) {
    if (command.commands.length > 0) addProgressOptions(command);
    const has = (flag: string) => command.options.some((o) => o.long === flag);
    if (!has('--quiet')) command.option('--quiet', 'no progress on the terminal');
    if (!has('--log-format')) {
      command.addOption(
        new Option('--log-format <format>', 'text (progress on a terminal, nothing otherwise) or json (progress events, one JSON object a line on stderr)')
          .choices([...logFormats])
          .default('text'),
      );
    }
  }
}

const fullName = (command: Command): string => (command.parent?.parent ? `${fullName(command.parent)} ${command.name()}` : command.name());

let unguard: (() => void) | undefined;

/** After a command: the progress line cleared, stdout as it was. */
export function stopCommandProgress(): void {
  stopProgress();
  unguard?.();
  unguard = undefined;
}

/** Before a command runs: the progress form its options and the terminal call for. */
export function startCommandProgress(command: Command): void {
  const opts = command.opts<{ quiet?: boolean; logFormat?: string }>();
  const format = (opts.logFormat ?? 'text') as LogFormat;
  if (!logFormats.includes(format)) throw usageError(`--log-format must be ${logFormats.join(' or ')}`);
  const name = fullName(command);
  // build writes nothing else to stdout and logs its own steps there; every other command's stdout
  // is its result (a report, a load summary), which must stay one parseable document
  const isBuild = name === 'build';
  startProgress({
    command: name,
    format,
    // build draws its own progress line on a terminal (src/build/log.ts)
    quiet: Boolean(opts.quiet) || isBuild,
    tty: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns,
    stderr: (text) => void process.stderr.write(text),
    json: (text) => void (isBuild ? process.stdout : process.stderr).write(text),
  });
  // a result printed on the same screen clears the progress line first
  if (process.stdout.isTTY && process.stderr.isTTY && !unguard) {
    const write = process.stdout.write;
    process.stdout.write = ((...args: Parameters<typeof write>) => {
      progress().done();
      return write.apply(process.stdout, args);
    }) as typeof process.stdout.write;
    unguard = () => {
      process.stdout.write = write;
    };
  }
}
