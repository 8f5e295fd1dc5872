// Issue 11 item 4: Cloud Audit Logs. The method name stays whole (a `v1` in it is no variable),
// the status message is kept, a failed call (status code set) is a problem at least at ERROR and
// successful admin activity is noise. Real entries from test/fixtures/real/audit-logs.json
// (Panther and Elastic/Dynatrace test data, SOURCES.md); `#n` names an entry without insertId by position.
import { describe, expect, it } from '@jest/globals';
import { ClusterAggregator } from '../src/core/cluster/aggregate.js';
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { AuditInfo, LogRecord } from '../src/core/model/log-record.js';
import { describeAudit } from '../src/core/normalize/normalize-proto.js';
import { rankClusters } from '../src/core/prioritize/prioritize.js';
import { defaultRulesConfig } from '../src/core/prioritize/rules-config.js';
import { corpusEntry as realEntry, recordOf, type RawEntry } from '../test/real-corpus.js';

type Expected = Pick<LogRecord, 'severity' | 'service' | 'message'> & { audit: AuditInfo; title: string };

describe('audit log entries', () => {
  it.each<[string, string, string, Expected]>([
    [
      'failed call with a version segment in the method',
      'audit-logs.json',
      '#1',
      {
        severity: 'ERROR',
        service: 'compute.googleapis.com',
        message: "v1.compute.instances.insert: The resource 'abc' was not found",
        audit: {
          service: 'compute.googleapis.com',
          method: 'v1.compute.instances.insert',
          code: 5,
          statusMessage: "The resource 'abc' was not found",
        },
        title: "v1.compute.instances.insert → NOT_FOUND: The resource 'abc' was not found",
      },
    ],
    [
      'failed IAM call',
      'audit-logs.json',
      '#4',
      {
        severity: 'ERROR',
        service: 'iam.googleapis.com',
        message:
          "google.iam.admin.v1.CreateServiceAccount: Permission 'iam.serviceAccounts.create' denied on resource (or it may not exist).",
        audit: {
          service: 'iam.googleapis.com',
          method: 'google.iam.admin.v1.CreateServiceAccount',
          code: 7,
          statusMessage: "Permission 'iam.serviceAccounts.create' denied on resource (or it may not exist).",
        },
        title:
          "google.iam.admin.v1.CreateServiceAccount → PERMISSION_DENIED: Permission 'iam.serviceAccounts.create' denied on resource (or it may not exist).",
      },
    ],
    [
      'failed GKE call logged without a severity is raised to ERROR',
      'audit-logs.json',
      '#6',
      {
        severity: 'ERROR',
        service: 'k8s.io',
        message: 'io.k8s.core.v1.pods.create: pods "test-privileged-pod" already exists',
        audit: {
          service: 'k8s.io',
          method: 'io.k8s.core.v1.pods.create',
          code: 10,
          statusMessage: 'pods "test-privileged-pod" already exists',
        },
        title: 'io.k8s.core.v1.pods.create → ABORTED: pods "test-privileged-pod" already exists',
      },
    ],
    [
      'failed call whose status message is the code name',
      'audit-logs.json',
      'jffqz2eewxni',
      {
        severity: 'ERROR',
        service: 'storage.googleapis.com',
        message: 'storage.objects.list: PERMISSION_DENIED',
        audit: {
          service: 'storage.googleapis.com',
          method: 'storage.objects.list',
          code: 7,
          statusMessage: 'PERMISSION_DENIED',
        },
        title: 'storage.objects.list → PERMISSION_DENIED',
      },
    ],
    [
      'failed Cloud Functions deploy',
      'cloud-functions.json',
      '-p8lidzb8g',
      {
        severity: 'ERROR',
        service: 'cloudfunctions.googleapis.com',
        message:
          'google.cloud.functions.v1.CloudFunctionsService.UpdateFunction: Build failed: build succeeded but did not produce the class "com.example.Example" specified as the function target: Error: class not found: com.example.Example; Error ID: 108a9950',
        audit: {
          service: 'cloudfunctions.googleapis.com',
          method: 'google.cloud.functions.v1.CloudFunctionsService.UpdateFunction',
          code: 3,
          statusMessage:
            'Build failed: build succeeded but did not produce the class "com.example.Example" specified as the function target: Error: class not found: com.example.Example; Error ID: 108a9950',
        },
        title:
          'google.cloud.functions.v1.CloudFunctionsService.UpdateFunction → INVALID_ARGUMENT: Build failed: build succeeded but did not produce the class "com.example.Example" specified as the function target: Error: class not found: com.example.Example; Error ID: 108a9950',
      },
    ],
    [
      'successful admin activity (no status)',
      'audit-logs.json',
      '12345',
      {
        severity: 'NOTICE',
        service: 'compute.googleapis.com',
        message: 'v1.compute.subnetworks.patch projects/test-project/regions/us-central1/subnetworks/default',
        audit: {
          service: 'compute.googleapis.com',
          method: 'v1.compute.subnetworks.patch',
          code: 0,
          statusMessage: '',
        },
        title: 'v1.compute.subnetworks.patch → OK',
      },
    ],
    [
      'successful Cloud Run call',
      'audit-logs.json',
      'jzm5rucrn2',
      {
        severity: 'NOTICE',
        service: 'run.googleapis.com',
        message: 'google.cloud.run.v1.Services.CreateService namespaces/some-project/services/cloudrun-exfil',
        audit: {
          service: 'run.googleapis.com',
          method: 'google.cloud.run.v1.Services.CreateService',
          code: 0,
          statusMessage: '',
        },
        title: 'google.cloud.run.v1.Services.CreateService → OK',
      },
    ],
    [
      'successful call with status code 0 and no severity stays DEFAULT',
      'audit-logs.json',
      '91515bc0-f1e8-4365-9bf5-e24ce587b653',
      {
        severity: 'DEFAULT',
        service: 'k8s.io',
        message:
          'io.k8s.coordination.v1.leases.update coordination.k8s.io/v1/namespaces/kube-system/leases/gcp-controller-manager',
        audit: { service: 'k8s.io', method: 'io.k8s.coordination.v1.leases.update', code: 0, statusMessage: '' },
        title: 'io.k8s.coordination.v1.leases.update → OK',
      },
    ],
    [
      'system event without a method: the status message',
      'audit-logs.json',
      '-xujmfncgd0',
      {
        severity: 'INFO',
        service: 'run.googleapis.com',
        message: 'run.googleapis.com: Ready condition status changed to True for Service user-test.',
        audit: {
          service: 'run.googleapis.com',
          method: '',
          code: 0,
          statusMessage: 'Ready condition status changed to True for Service user-test.',
        },
        title: 'run.googleapis.com → OK: Ready condition status changed to True for Service user-test.',
      },
    ],
  ])('%s (%s %s)', (_name, file, id, { title, ...expected }) => {
    const record = recordOf(realEntry(file, id));
    expect(record).toMatchObject(expected);
    expect(describeAudit(record.audit!).title).toBe(title);
  });

  it('groups by service, method and status code, never by resource or message', () => {
    const a = recordOf(realEntry('audit-logs.json', '#6')).audit!;
    const b = recordOf(realEntry('audit-logs.json', '#7')).audit!;
    expect(describeAudit(a).canonical).toBe('audit\nk8s.io\nio.k8s.core.v1.pods.create\n10');
    expect(describeAudit(b).canonical).not.toBe(describeAudit(a).canonical);
    const sameCall = { ...a, statusMessage: 'pods "other-pod" already exists' };
    expect(describeAudit(sameCall).canonical).toBe(describeAudit(a).canonical);
  });
});

function ranked(raw: RawEntry) {
  const clusterer = createClusterer();
  const aggregator = new ClusterAggregator();
  const record = recordOf(raw);
  aggregator.add(clusterer.add(record), record);
  const clusters = aggregator.build(clusterer.finish(), 1, 1);
  return rankClusters(clusters, defaultRulesConfig(), {
    totalAnalysed: 1,
    knownFingerprints: new Set(),
    windowStart: 0,
    historyFloor: 'P3',
  })[0]!;
}

describe('audit priorities', () => {
  it.each([
    ['12345', 'audit-logs.json'],
    ['jzm5rucrn2', 'audit-logs.json'],
    ['mrbji0dal80', 'audit-logs.json'],
  ])('successful call %s is noise', (id, file) => {
    expect(ranked(realEntry(file, id))).toMatchObject({ ignored: true, rule: 'noise-audit-success' });
  });

  it.each([
    ['#1', 'audit-logs.json'],
    ['#6', 'audit-logs.json'],
    ['ziy2qeejg3ll', 'audit-logs.json'],
    ['-p8lidzb8g', 'cloud-functions.json'],
  ])('failed call %s is a problem', (id, file) => {
    expect(ranked(realEntry(file, id))).toMatchObject({ ignored: false });
  });
});
