/**
 * A generated hour of one incident (exceptions in four languages, text and structured; request
 * logs; messages), parameterised by a seed so two hours differ in ids, timestamps, revisions,
 * instances and numbers but not in problems. Shared by the stability bench and tests.
 */
import type { LogRecord } from '../src/core/model/log-record.js';

export interface LabelledRecord {
  record: LogRecord;
  problem: string;
}

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

const PY_TRACE = (line: number): string => `Traceback (most recent call last):
  File "/usr/local/lib/python3.12/site-packages/gunicorn/arbiter.py", line ${line + 580}, in spawn_worker
    worker.init_process()
  File "/app/main.py", line ${line}, in <module>
    from app.payments import charge
  File "/app/app/payments.py", line ${line + 3}, in <module>
    from app.clients import stripe_client
ImportError: cannot import name 'stripe_client' from 'app.clients' (/app/app/clients.py)`;

const JAVA_TRACE = (line: number): string => `java.lang.IllegalStateException: Pool exhausted after ${line}ms
\tat com.acme.db.Pool.borrow(Pool.java:${line})
\tat com.acme.orders.OrderService.save(OrderService.java:${line + 10})
\tat org.springframework.aop.framework.ReflectiveMethodInvocation.proceed(ReflectiveMethodInvocation.java:186)
\tat java.base/java.lang.Thread.run(Thread.java:1583)
Caused by: java.net.SocketTimeoutException: connect timed out
\tat java.base/sun.nio.ch.NioSocketImpl.timedFinishConnect(NioSocketImpl.java:546)
\tat com.acme.db.Pool.connect(Pool.java:${line + 40})
\t... 4 more`;

const NODE_TRACE = (line: number): string => `TypeError: Cannot read properties of undefined (reading 'id')
    at renderCart (/srv/app/dist/cart.js:${line}:17)
    at async handler (/srv/app/dist/routes/cart.js:${line + 2}:5)
    at Layer.handle (/srv/app/node_modules/express/lib/router/layer.js:95:5)
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)`;

const GO_TRACE = (addr: number): string => `panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x${addr.toString(16)} pc=0x6b2f1d]

goroutine ${addr % 97} [running]:
main.(*Server).handleCheckout(0xc000120000, {0x7f1c, 0xc0001a2000}, 0xc000196000)
\t/src/server.go:${addr % 300} +0x1d
net/http.HandlerFunc.ServeHTTP(0x0?, {0x7f1c?, 0xc0001a2000?}, 0x0?)
\t/usr/local/go/src/net/http/server.go:2136 +0x29`;

export function generateHour(seed: number, perProblem = 40): LabelledRecord[] {
  const random = rng(seed);
  const n = (max: number): number => Math.floor(random() * max);
  const revision = `backend-000${seed % 10}${n(10)}-${'abcdefgh'.slice(n(4), n(4) + 3) || 'xyz'}`;
  const base = (i: number): LogRecord => ({
    insertId: `${seed.toString(36)}-${i}-${n(1e9).toString(36)}`,
    timestamp: 1_700_000_000_000 + seed * 3_600_000 + i * 1000,
    severity: 'ERROR',
    severityInferred: false,
    resourceType: 'cloud_run_revision',
    service: 'backend',
    revision,
    instance: `00${n(1e12).toString(16)}`,
    logName: 'run.googleapis.com/stderr',
    message: '',
    stack: '',
    errorType: '',
    sourceLocation: '',
  });
  const out: LabelledRecord[] = [];
  const hosts = seed % 2 === 0 ? ['db-1'] : ['db-1', 'db-2', 'db-3'];
  for (let i = 0; i < perProblem; i++) {
    const line = 10 + n(5);
    const py = PY_TRACE(line);
    out.push({ problem: 'import-error', record: { ...base(out.length), message: py.split('\n').pop()!, stack: py } });
    out.push({
      problem: 'import-error',
      record: {
        ...base(out.length),
        errorType: 'ImportError',
        message: "cannot import name 'stripe_client' from 'app.clients' (/app/app/clients.py)",
        stack: py,
      },
    });
    out.push({
      problem: 'pool',
      record: {
        ...base(out.length),
        message: `java.lang.IllegalStateException: Pool exhausted after ${n(9000)}ms`,
        stack: JAVA_TRACE(100 + n(50)),
      },
    });
    out.push({
      problem: 'cart',
      record: {
        ...base(out.length),
        message: "TypeError: Cannot read properties of undefined (reading 'id')",
        stack: NODE_TRACE(20 + n(40)),
      },
    });
    out.push({
      problem: 'panic',
      record: {
        ...base(out.length),
        message: 'panic: runtime error: invalid memory address or nil pointer dereference',
        stack: GO_TRACE(n(1e6)),
      },
    });
    const orderId = n(2) ? String(n(1e6)) : `${n(1e8).toString(16)}-4c1a-9f2e-${n(1e8).toString(16)}`;
    out.push({
      problem: 'orders-503',
      record: {
        ...base(out.length),
        severity: 'ERROR',
        http: {
          method: 'POST',
          url: `https://api.example.com/api/orders/${orderId}?try=${n(3)}`,
          path: `/api/orders/${orderId}`,
          status: 503,
          latencyMs: n(3000),
        },
      },
    });
    out.push({
      problem: 'orders-500',
      record: { ...base(out.length), http: { method: 'POST', url: '', path: `/api/orders/${orderId}`, status: 500 } },
    });
    out.push({
      problem: 'db-timeout',
      record: {
        ...base(out.length),
        message: `Connection to database ${hosts[n(hosts.length)]} timed out after ${n(30000)} ms (pool=${n(20)})`,
      },
    });
    out.push({
      problem: 'memory',
      record: {
        ...base(out.length),
        severity: 'WARNING',
        message: `Memory limit of ${512} MiB exceeded with ${512 + n(100)} MiB used. Consider increasing the memory limit.`,
      },
    });
    out.push({ problem: 'startup', record: { ...base(out.length), message: `Container called exit(${1 + n(2)}).` } });
  }
  return out;
}
