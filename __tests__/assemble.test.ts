/** Issue 12 item 2: a crash printed line by line, re-assembled per instance before clustering. */
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { EventAssembler } from '../src/core/normalize/assemble.js';
import { isSkip, normalizeEntry } from '../src/core/normalize/normalize.js';
import { redactRecord } from '../src/core/redact/redact.js';

const T0 = Date.UTC(2026, 10, 30, 9, 30);

/** Cloud Run stderr entries, one per line, with consecutive timestamps on one instance. */
function stderrLines(lines: string[], start: number, instance = 'i-1', prefix = 'x'): Record<string, unknown>[] {
  return lines.map((text, i) => ({
    insertId: `${prefix}${i}`,
    timestamp: new Date(start + i).toISOString(),
    logName: 'projects/p/logs/run.googleapis.com%2Fstderr',
    resource: {
      type: 'cloud_run_revision',
      labels: { service_name: 'orders-api', revision_name: 'orders-api-00042-abc' },
    },
    labels: { instanceId: instance },
    textPayload: text,
  }));
}

const GUNICORN_CRASH = [
  '[2026-11-30 09:30:00 +0000] [7] [ERROR] Exception in worker process',
  'Traceback (most recent call last):',
  '  File "/app/orders/main.py", line 9, in <module>',
  '    from orders.middleware import install_middleware',
  '  File "/app/orders/middleware.py", line 4, in <module>',
  '    from orders_shared.tracing import TracingMiddleware',
  "ModuleNotFoundError: No module named 'orders_shared'",
  '',
  'The above exception was the direct cause of the following exception:',
  '',
  'Traceback (most recent call last):',
  '  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line 609, in spawn_worker',
  '    worker.init_process()',
  '  File "/app/orders/main.py", line 11, in <module>',
  '    raise RuntimeError("middleware setup failed") from exc',
  'RuntimeError: middleware setup failed',
  '[2026-11-30 09:30:00 +0000] [7] [INFO] Worker exiting (pid: 7)',
  '[2026-11-30 09:30:00 +0000] [1] [ERROR] Shutting down: Master',
  '[2026-11-30 09:30:00 +0000] [1] [ERROR] Reason: Worker failed to boot.',
];

function assemble(entries: Record<string, unknown>[]): LogRecord[] {
  const assembler = new EventAssembler();
  const out: LogRecord[] = [];
  for (const e of entries) {
    const r = normalizeEntry(e);
    if (isSkip(r)) throw new Error(r.skip);
    out.push(...assembler.push(r));
  }
  return [...out, ...assembler.finish()];
}

describe('EventAssembler', () => {
  it.each([
    ['oldest first', false],
    ['newest first, as gcloud prints', true],
  ])('re-assembles a gunicorn crash printed line by line (%s)', (_name, reversed) => {
    const lines = stderrLines(GUNICORN_CRASH, T0);
    const records = assemble(reversed ? lines.reverse() : lines);
    expect(records).toHaveLength(1);
    const [event] = records;
    expect(event!.memberIds).toHaveLength(GUNICORN_CRASH.length);
    expect(event!.severity).toBe('ERROR');
    expect(event!.stack).toMatch(/^Traceback/);
    const c = createClusterer();
    const key = c.add(event!);
    expect(c.finish().get(key)!.title).toBe(
      "ModuleNotFoundError: No module named 'orders_shared' in app/orders/middleware.py",
    );
  });

  it('keeps two instances apart and two crashes on one instance apart', () => {
    const a = stderrLines(GUNICORN_CRASH, T0, 'i-1', 'a');
    const b = stderrLines(GUNICORN_CRASH, T0 + 3, 'i-2', 'b');
    const later = stderrLines(GUNICORN_CRASH, T0 + 60_000, 'i-1', 'c');
    const interleaved = a.flatMap((line, i) => [line, b[i]!]);
    expect(assemble([...interleaved, ...later])).toHaveLength(3);
  });

  it('gives a line that quotes the exception the exception’s identity (one failure, three renderings)', () => {
    const quoting = {
      ...stderrLines(["CRITICAL:orders.main:middleware setup failed: No module named 'orders_shared'"], T0 + 50)[0]!,
      insertId: 'q',
    };
    const records = assemble([...stderrLines(GUNICORN_CRASH, T0), quoting]);
    const c = createClusterer();
    const keys = records.map((r) => c.add(r));
    expect(new Set(keys).size).toBe(1);
  });

  it('re-assembles a uvicorn startup failure whose exception message wraps over lines', () => {
    const lines = [
      'INFO:     Waiting for application startup.',
      'ERROR:    Traceback (most recent call last):',
      '  File "/app/search/main.py", line 31, in lifespan',
      '    settings = Settings()',
      'pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings',
      'elasticsearch_url',
      '  Field required [type=missing, input_value={}, input_type=dict]',
      'ERROR:    Application startup failed. Exiting.',
    ];
    const records = assemble(stderrLines(lines, T0));
    expect(records).toHaveLength(1);
    expect(records[0]!.message).toBe('pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings');
    expect(records[0]!.context).toMatch(/Application startup failed/);
  });

  it('passes lone lines and request logs through untouched', () => {
    const lone = stderrLines(['[2026-11-30 09:30:00 +0000] [1] [INFO] Booting worker with pid: 7'], T0);
    const records = assemble(lone);
    expect(records).toHaveLength(1);
    expect(records[0]!.memberIds).toBeUndefined();
  });

  it('stays bounded: a burst never holds more than a thousand lines', () => {
    const flood = stderrLines(
      Array.from({ length: 2000 }, (_, i) => `  frame ${i}`),
      T0,
    );
    const records = assemble(stderrLines(['Traceback (most recent call last):'], T0 - 1, 'i-1', 't').concat(flood));
    expect(Math.max(...records.map((r) => r.memberIds?.length ?? 1))).toBeLessThanOrEqual(1000);
  });
});

describe('errors without a severity (issue 12 item 3)', () => {
  it.each([
    ['Failed to fetch https://inventory/api/stock/SKU-1: HTTP 500 Internal Server Error', 'ERROR'],
    ['Error: connect ECONNREFUSED 10.0.0.5:6379', 'ERROR'],
    ['child process /app/bin/render-pdf failed: exit code 1', 'ERROR'],
    ['upstream connect error or disconnect/reset before headers. reset reason: connection failure', 'ERROR'],
    ['thumbnail: resize of uploads/a.heic failed: image: unknown format', 'ERROR'],
    ['[2026-11-30 09:30:00 +0000] [1] [INFO] Listening at: http://0.0.0.0:8080 (1)', 'DEFAULT'],
    ['GET /healthz 200 1.2ms', 'DEFAULT'],
    ['rendered 9 products for session b5a01533', 'DEFAULT'],
  ])('%s → %s', (text, severity) => {
    const r = normalizeEntry(stderrLines([text], T0)[0]);
    if (isSkip(r)) throw new Error(r.skip);
    expect(r.severity).toBe(severity);
  });
});

describe('a logger line before a Python trace (its context)', () => {
  it('is kept apart from the trace, and redacted like every text', () => {
    const token = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
    const entry = stderrLines(
      [
        `sync for user x@example.org with ${token} failed\nTraceback (most recent call last):\n  File "/app/sync.py", line 3, in run\n    raise IOError("disk full")\nOSError: disk full`,
      ],
      T0,
    )[0]!;
    const record = normalizeEntry({ ...entry, severity: 'ERROR' });
    if (isSkip(record)) throw new Error(record.skip);
    expect(record.stack).toMatch(/^Traceback/);
    expect(record.context).toContain('failed');
    const redacted = redactRecord(record, { ips: false });
    expect(redacted.context).not.toContain(token);
    expect(redacted.context).not.toContain('x@example.org');
  });
});
