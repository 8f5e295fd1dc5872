/**
 * Issue 11, items 1, 2, 5, 8 and 9 on real entries (test/fixtures/real; `constructed-*` files
 * are documented-field envelopes around real traces): what an entry normalises to, and the title
 * of the cluster it lands in.
 */
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { isSkip, normalizeEntry } from '../src/core/normalize/normalize.js';
import { corpusEntry, recordOf } from '../test/real-corpus.js';

function normalize(file: string, id: string): LogRecord {
  return recordOf(corpusEntry(file, id));
}

/** Clusters the entries and returns each one's cluster (title, kind, fingerprint). */
function cluster(entries: [string, string][]) {
  const c = createClusterer();
  const keys = entries.map(([file, id]) => c.add(normalize(file, id)));
  const ids = c.finish();
  return keys.map((k) => ids.get(k)!);
}

describe('1. Java exceptions: the title is the trace’s own exception, not the log message', () => {
  it.each([
    // logback jsonPayload {message: "Request processing failed", stack_trace: "ServletException: … Caused by: MyProjectServletException"}
    [
      'constructed-java-logback.json',
      'wraplb0000',
      'MyProjectServletException: wrapped in ServletException: Something bad happened in MyServlet.java',
    ],
    // JUL prefix before the exception: "… MakeLog: RuntimeException: Run from this message!"
    ['constructed-java-logback.json', 'wraplb0003', 'RuntimeException: Run from this message! in MakeLog.java'],
    ['k8s-container-stack-traces.json', 'wrapk8s0000', 'RuntimeException: Run from this message! in MakeLog.java'],
    // "CompactionTask.java:322 - Error during compaction\njava.lang.RuntimeException: …" (Cassandra via the Ops Agent)
    [
      'gce-instance.json',
      '2025-07-22T11:25:42',
      'RuntimeException: Out of memory while compacting sstable in CompactionTask.java',
    ],
    // a chain: the root cause is the last "Caused by" / ".. nested exception is:"
    [
      'k8s-container-stack-traces.json',
      'wrapk8s0003',
      'SMTPAddressFailedException: 550 5.7.1 <[REDACTED_EMAIL_ADDRESS]>... Relaying denied in AutomaticEmailFacade.java',
    ],
    // .NET: "Outer ---> Inner": the inner exception is the root
    [
      'k8s-container-stack-traces.json',
      'wrapk8s0015',
      'InvalidOperationException: This is the inner exception in ExampleApp.NestedExceptionExample',
    ],
  ])('%s %s', (file, id, title) => {
    const [c] = cluster([[file, id]]);
    expect(c).toMatchObject({ kind: 'exception', title });
  });

  it('the same trace logged by logback and reported to Error Reporting is one problem', () => {
    const [logback, reported] = cluster([
      ['constructed-java-logback.json', 'wraplb0000'],
      ['constructed-error-reporting.json', 'wraper0002'],
    ]);
    expect(logback!.fingerprint).toBe(reported!.fingerprint);
  });

  it('the same nested trace at ERROR and at DEBUG is one problem', () => {
    const [error, debug] = cluster([
      ['constructed-java-logback.json', 'wraplb0002'],
      ['constructed-java-logback.json', 'wraplb0005'],
    ]);
    expect(error!.fingerprint).toBe(debug!.fingerprint);
  });
});

describe('2. a stack trace is a stack trace whatever its key or level', () => {
  it.each([
    // Elasticsearch JSON: flattened `error.type` / `error.message`
    ['gce-instance.json', '2024-06-10T12:35:10', 'exception', /^IllegalStateException: failed to obtain node locks/],
    // Elasticsearch JSON: a `stacktrace` array
    ['gce-instance.json', '2024-06-10T12:35:25', 'exception', /unknown setting \[invalid\.key\]/],
    // Python trace under jsonPayload.exception
    [
      'constructed-cloud-run-stack-traces.json',
      'wraprun0008',
      'exception',
      /^Exception: \('spam', 'eggs'\) in nearfieldspy\.py$/,
    ],
    // Node, Go, Ruby, PHP, Dart text traces on GKE stderr
    ['k8s-container-stack-traces.json', 'wrapk8s0004', 'exception', /^ReferenceError: myArray is not defined/],
    [
      'k8s-container-stack-traces.json',
      'wrapk8s0010',
      'exception',
      /^panic: http: panic serving \{ip\}: test panic|^panic: http: panic serving \[::1\]:54143: test panic/,
    ],
    [
      'k8s-container-stack-traces.json',
      'wrapk8s0013',
      'exception',
      /^RoutingError: No route matches \[GET\] "\/settings"$/,
    ],
    ['k8s-container-stack-traces.json', 'wrapk8s0016', 'exception', /^Exception: Custom exception/],
    ['k8s-container-stack-traces.json', 'wrapk8s0017', 'exception', /^Exception: exception message/],
  ])('%s %s', (file, id, kind, title) => {
    const [c] = cluster([[file, id]]);
    expect(c!.kind).toBe(kind);
    expect(c!.title).toMatch(title);
  });

  it('an exception logged at DEBUG keeps its stack and its level', () => {
    const record = normalize('constructed-java-logback.json', 'wraplb0005');
    expect(record.severity).toBe('DEBUG');
    expect(record.stack).toMatch(/\n\s+at /);
  });

  it('the same Python trace under `exception` and as text is one problem', () => {
    const [json, text] = cluster([
      ['constructed-cloud-run-stack-traces.json', 'wraprun0008'],
      ['constructed-cloud-run-stack-traces.json', 'wraprun0000'],
    ]);
    expect(json!.fingerprint).toBe(text!.fingerprint);
  });
});

describe('5. messages that quote data', () => {
  const keyError = (names: string) => ({
    insertId: `k-${names}`,
    timestamp: '2026-11-30T09:00:00Z',
    severity: 'ERROR',
    resource: { type: 'cloud_run_revision', labels: { service_name: 'catalog' } },
    textPayload: `Traceback (most recent call last):\n  File "/app/catalog/import.py", line 42, in load\n    row = frame[columns]\n  File "/usr/local/lib/python3.12/site-packages/pandas/core/frame.py", line 3899, in __getitem__\n    raise KeyError(f"{not_found} not in index")\nKeyError: "None of [Index([${names}], dtype='object')] are in the [columns]"`,
  });
  it('the same exception from the same in-app frame is one problem whatever the data quoted', () => {
    const c = createClusterer();
    const records = [keyError("'Name', 'ID'"), keyError("'Price'"), keyError("'SKU', 'Name', 'Colour'")].map((e) => {
      const r = normalizeEntry(e);
      if (isSkip(r)) throw new Error(r.skip);
      return r;
    });
    const keys = records.map((r) => c.add(r));
    const ids = c.finish();
    expect(new Set(keys.map((k) => ids.get(k)!.fingerprint)).size).toBe(1);
    expect(ids.get(keys[0]!)!.title).toBe('KeyError: {value} in app/catalog/import.py');
  });
});

describe('8. titles an on-call engineer can act on', () => {
  it.each([
    ['constructed-cloud-run-jobs.json', 'wrapjob0002', 'Container called exit(1).'],
    ['constructed-cloud-run-jobs.json', 'wrapjob0005', 'Container called exit(0).'],
    ['constructed-cloudsql.json', 's=wrapsql0000', 'FATAL: password authentication failed for user "app"'],
    [
      'constructed-cloud-functions.json',
      '000000-wrapcf0005',
      'Function execution took 87 ms, finished with status code: 500',
    ],
  ])('%s %s → %s', (file, id, title) => {
    const [c] = cluster([[file, id]]);
    expect(c!.title).toBe(title);
    expect(c!.title).not.toContain('<*>');
  });

  it('never names a library frame as the location', () => {
    // Node trace whose first frames are all node_modules/express
    const [c] = cluster([['k8s-container-stack-traces.json', 'wrapk8s0004']]);
    expect(c!.title).not.toMatch(/node_modules|express/);
  });
});

describe('9. templates do not depend on key order', () => {
  it('two payloads that differ only in key order are one problem', () => {
    const base = { timestamp: '2026-11-30T09:00:00Z', severity: 'WARNING', resource: { type: 'global' } };
    const c = createClusterer();
    const a = normalizeEntry({ ...base, insertId: 'a', jsonPayload: { queue: 'orders', lag: 120, state: 'behind' } });
    const b = normalizeEntry({ ...base, insertId: 'b', jsonPayload: { state: 'behind', lag: 120, queue: 'orders' } });
    if (isSkip(a) || isSkip(b)) throw new Error('skipped');
    expect(c.add(a)).toBe(c.add(b));
  });
});
