import { describe, expect, it } from 'vitest';
import { createBuildLog, type LogTarget } from '../../src/build/log.js';

function capture(target: Omit<LogTarget, 'stdout' | 'stderr'>) {
  const out: string[] = [];
  const err: string[] = [];
  const log = createBuildLog({ ...target, stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  log.step('load', 'loading [1/2] leads.csv', { file: 'leads.csv' });
  log.step('report', '[1/1] funnel');
  log.warn('export', 'sla has no export tables yet');
  log.error('failed', 'run 2026-11-01 failed', { exitCode: 3 });
  log.done();
  return { out: out.join(''), err: err.join('') };
}

describe('build log', () => {
  it('says nothing when not on a terminal (cron mails only what the CLI prints on failure)', () => {
    expect(capture({ format: 'text', tty: false })).toEqual({ out: '', err: '' });
  });

  it('writes one JSON object per line on stdout with --log-format json', () => {
    const { out, err } = capture({ format: 'json', tty: false });
    expect(err).toBe('');
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.level, l.event, l.message])).toEqual([
      ['info', 'load', 'loading [1/2] leads.csv'],
      ['info', 'report', '[1/1] funnel'],
      ['warn', 'export', 'sla has no export tables yet'],
      ['error', 'failed', 'run 2026-11-01 failed'],
    ]);
    expect(lines[0]).toMatchObject({ file: 'leads.csv', time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(lines[3].exitCode).toBe(3);
  });

  it('shows one progress line on a terminal, rewritten in place', () => {
    const { out, err } = capture({ format: 'text', tty: true });
    expect(out).toBe('');
    expect(err).toBe(
      'build: loading [1/2] leads.csv' +
        '\r\x1b[K' +
        'build: [1/1] funnel' +
        '\r\x1b[K' +
        'build: warning: sla has no export tables yet\n' +
        'build: run 2026-11-01 failed\n',
    );
  });
});
