import { logRecord } from '../test/fixtures/log-record.js';
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { parseStackTrace } from '../src/core/normalize/stack-trace.js';

const PYTHON = `Traceback (most recent call last):
  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line 589, in spawn_worker
    worker.init_process()
  File "/app/main.py", line 12, in <module>
    from app.payments import charge
ImportError: cannot import name 'charge' from 'app.payments' (/app/app/payments.py)`;

const JAVA = `Exception in thread "main" java.lang.IllegalStateException: Pool exhausted
\tat com.acme.db.Pool.borrow(Pool.java:120)
\tat org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:186)
\tat java.base/java.lang.Thread.run(Thread.java:1583)
Caused by: java.net.SocketTimeoutException: connect timed out
\tat com.acme.db.Pool.connect(Pool.java:160)
\t... 4 more`;

const NODE = `TypeError: Cannot read properties of undefined (reading 'id')
    at renderCart (/srv/app/dist/cart.js:20:17)
    at Layer.handle (/srv/app/node_modules/express/lib/router/layer.js:95:5)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;

const GO = `panic: runtime error: index out of range [3] with length 3

goroutine 7 [running]:
main.(*Server).handle(0xc000120000, {0x7f1c, 0xc0001a2000})
\t/src/server.go:42 +0x1d
net/http.HandlerFunc.ServeHTTP(0x0?, {0x7f1c?, 0xc0001a2000?})
\t/usr/local/go/src/net/http/server.go:2136 +0x29`;

describe('parseStackTrace', () => {
  it.each([
    ['python', PYTHON, 'ImportError', ['<module> /app/main.py']],
    [
      'java',
      JAVA,
      'java.lang.IllegalStateException',
      ['com.acme.db.Pool.borrow Pool.java', 'com.acme.db.Pool.connect Pool.java'],
    ],
    ['node', NODE, 'TypeError', ['renderCart /srv/app/dist/cart.js']],
    ['go', GO, 'runtime error', ['main.(*Server).handle /src/server.go']],
  ])('%s: type and in-app frames without line numbers', (language, stack, type, frames) => {
    const parsed = parseStackTrace(stack);
    expect(parsed.language).toBe(language);
    expect(parsed.errorType).toBe(type);
    expect(parsed.frames.filter((f) => f.inApp).map((f) => `${f.fn} ${f.file}`)).toEqual(frames);
  });

  it('records Java "Caused by:" types', () => {
    expect(parseStackTrace(JAVA).causes).toEqual(['java.net.SocketTimeoutException']);
  });
});

const record = (over: Partial<LogRecord>): LogRecord => logRecord({ service: 'backend', revision: 'r1', ...over });

describe('text traceback and structured error are one cluster', () => {
  const lastLine = (s: string): string => s.split('\n').pop()!;
  it.each([
    [
      'python',
      PYTHON,
      lastLine(PYTHON),
      'ImportError',
      "cannot import name 'charge' from 'app.payments' (/app/app/payments.py)",
    ],
    ['python, prefix kept in structured message', PYTHON, lastLine(PYTHON), 'ImportError', lastLine(PYTHON)],
    ['java', JAVA, 'java.lang.IllegalStateException: Pool exhausted', 'IllegalStateException', 'Pool exhausted'],
    ['node', NODE, NODE.split('\n')[0]!, 'TypeError', "Cannot read properties of undefined (reading 'id')"],
    [
      'go',
      GO,
      'panic: runtime error: index out of range [3] with length 3',
      'runtime error',
      'index out of range [3] with length 3',
    ],
  ])('%s', (_name, stack, textMessage, errorType, structuredMessage) => {
    const c = createClusterer();
    const text = c.add(record({ message: textMessage, stack }));
    const structured = c.add(
      record({
        message: structuredMessage,
        errorType,
        stack: stack.replace(/:(\d+)/g, (_m, n) => `:${Number(n) + 7}`),
      }),
    );
    const ids = c.finish();
    expect(ids.get(structured)!.fingerprint).toBe(ids.get(text)!.fingerprint);
    expect(ids.get(text)!.fingerprint).toMatch(/^v2:exc:/);
  });

  it('different in-app origin is a different cluster', () => {
    const c = createClusterer();
    const a = c.add(record({ message: lastLine(PYTHON), stack: PYTHON }));
    const b = c.add(record({ message: lastLine(PYTHON), stack: PYTHON.replace('/app/main.py', '/app/worker.py') }));
    const ids = c.finish();
    expect(ids.get(a)!.fingerprint).not.toBe(ids.get(b)!.fingerprint);
  });
});
