// Issue 11 item 6: the service is the name a human uses, per resource type, and never changes
// between windows (no pod hash, deploy version or instance id). Real entries from
// test/fixtures/real/ (sources in SOURCES.md); `constructed-*` files are documented-field envelopes.
import { describe, expect, it } from '@jest/globals';
import { ClusterAggregator } from '../src/core/cluster/aggregate.js';
import { createClusterer } from '../src/core/cluster/cluster.js';
import type { LogRecord } from '../src/core/model/log-record.js';
import { podParts } from '../src/core/normalize/normalize-resource.js';
import { corpusEntry as realEntry, recordOf, type RawEntry } from '../test/real-corpus.js';

type Expected = Pick<LogRecord, 'resourceType' | 'service' | 'revision'> & { selector: string };

describe('service identity per resource type, on real entries', () => {
  it.each<[string, string, string, Expected]>([
    [
      'cloud_run_revision: service_name',
      'cloud-run.json',
      '663760330006df7c63521728',
      {
        resourceType: 'cloud_run_revision',
        service: 'otelcol',
        revision: 'example-00007-sun',
        selector: 'resource.type="cloud_run_revision" resource.labels.service_name="otelcol"',
      },
    ],
    [
      'cloud_run_job: job_name',
      'cloud-run-jobs.json',
      '6a4daf64000c9ab21ad78339',
      {
        resourceType: 'cloud_run_job',
        service: 'grun-cae-cdh-dbt-orch-ew4-jb-01',
        revision: '',
        selector: 'resource.type="cloud_run_job" resource.labels.job_name="grun-cae-cdh-dbt-orch-ew4-jb-01"',
      },
    ],
    [
      'cloud_function: function_name',
      'cloud-functions.json',
      '000000-34c62aef-5df9-4f63-b692-a92f64febd2c',
      {
        resourceType: 'cloud_function',
        service: 'dynatrace-gcp-monitor',
        revision: '',
        selector: 'resource.type="cloud_function" resource.labels.function_name="dynatrace-gcp-monitor"',
      },
    ],
    [
      'k8s_container: namespace/container',
      'k8s-container.json',
      '1a2b3c4d',
      {
        resourceType: 'k8s_container',
        service: 'dynatrace/test-app-api',
        revision: 'testpod',
        selector:
          'resource.type="k8s_container" resource.labels.namespace_name="dynatrace" resource.labels.container_name="test-app-api"',
      },
    ],
    [
      'k8s_pod: namespace/workload, the ReplicaSet and pod hash removed',
      'constructed-k8s-pod-global.json',
      'wrapev0000',
      {
        resourceType: 'k8s_pod',
        service: 'payments/payments-api',
        revision: 'payments-api-7d9f8b6c5d',
        selector:
          'resource.type="k8s_pod" resource.labels.namespace_name="payments" resource.labels.pod_name=~"^payments-api-"',
      },
    ],
    [
      'gae_app: the module is the service, the version the revision',
      'constructed-gae-request-logs.json',
      'wrapgae0003',
      {
        resourceType: 'gae_app',
        service: 'worker',
        revision: 'v12',
        selector: 'resource.type="gae_app" resource.labels.module_id="worker"',
      },
    ],
    [
      'gce_instance: the instance name, not its numeric id',
      'gce-instance.json',
      '#0',
      {
        resourceType: 'gce_instance',
        service: 'hostname',
        revision: '',
        selector: 'resource.type="gce_instance" labels."compute.googleapis.com/resource_name"="hostname"',
      },
    ],
    [
      'http_load_balancer: the backend service',
      'http-load-balancer.json',
      'h91ql8g1lpdqh2',
      {
        resourceType: 'http_load_balancer',
        service: 'gcp-fixture-alb-backend-service',
        revision: '',
        selector:
          'resource.type="http_load_balancer" resource.labels.backend_service_name="gcp-fixture-alb-backend-service"',
      },
    ],
    [
      'regional load balancer rule: the backend target',
      'http-load-balancer.json',
      '1043fs2f1ss3li',
      {
        resourceType: 'http_external_regional_lb_rule',
        service: 'gcp-fixture-alb-backend-service',
        revision: '',
        selector:
          'resource.type="http_external_regional_lb_rule" resource.labels.backend_target_name="gcp-fixture-alb-backend-service"',
      },
    ],
    [
      'cloudsql_database: the instance of project:instance',
      'cloudsql.json',
      '#0',
      {
        resourceType: 'cloudsql_database',
        service: 'test-001-mysql',
        revision: '',
        selector:
          'resource.type="cloudsql_database" resource.labels.database_id="dynatrace-gcp-extension:test-001-mysql"',
      },
    ],
    [
      'audited_resource: the API called',
      'audit-logs.json',
      'ziy2qeejg3ll',
      {
        resourceType: 'audited_resource',
        service: 'monitoring.googleapis.com',
        revision: '',
        selector:
          'resource.type="audited_resource" protoPayload.serviceName="monitoring.googleapis.com" protoPayload.methodName="google.monitoring.v3.MetricService.CreateMetricDescriptor"',
      },
    ],
    [
      'project (audit log): the API called',
      'audit-logs.json',
      'mrbji0dal80',
      {
        resourceType: 'project',
        service: 'cloudresourcemanager.googleapis.com',
        revision: '',
        selector:
          'resource.type="project" protoPayload.serviceName="cloudresourcemanager.googleapis.com" protoPayload.methodName="SetIamPolicy"',
      },
    ],
    [
      'audit log on a GCE instance: the API, never the numeric id',
      'audit-logs.json',
      '-6215lve1hil2',
      {
        resourceType: 'gce_instance',
        service: 'compute.googleapis.com',
        revision: '',
        selector:
          'resource.type="gce_instance" protoPayload.serviceName="compute.googleapis.com" protoPayload.methodName="v1.compute.instances.setMetadata"',
      },
    ],
    [
      'global: the log id',
      'constructed-k8s-pod-global.json',
      'wrapglobal0001',
      {
        resourceType: 'global',
        service: 'my-batch-script',
        revision: '',
        selector: 'resource.type="global" log_id("my-batch-script")',
      },
    ],
  ])('%s (%s %s)', (_name, file, id, expected) => {
    expect(recordOf(realEntry(file, id))).toMatchObject(expected);
  });
});

describe('podParts', () => {
  it.each([
    ['Deployment pod', 'payments-api-7d9f8b6c5d-x7k2p', 'payments-api', 'payments-api-7d9f8b6c5d'],
    ['Deployment pod (fixture suffix)', 'payments-api-7d9f8b6c5d-abcde', 'payments-api', 'payments-api-7d9f8b6c5d'],
    ['DaemonSet or Job pod', 'fluentd-gcp-x7k2p', 'fluentd-gcp', ''],
    ['CronJob pod', 'nightly-backup-28372910-x7k2p', 'nightly-backup', 'nightly-backup-28372910'],
    ['StatefulSet pod', 'redis-0', 'redis', ''],
    ['StatefulSet pod 12', 'kafka-broker-12', 'kafka-broker', ''],
    ['a word is not a hash', 'nginx-hello', 'nginx-hello', ''],
    ['bare pod', 'testpod', 'testpod', ''],
  ])('%s: %s', (_name, pod, workload, replicaSet) => {
    expect(podParts(pod)).toEqual({ workload, replicaSet });
  });
});

/** The fingerprints of one window's records. */
function fingerprints(raws: RawEntry[]): string[] {
  const clusterer = createClusterer();
  const aggregator = new ClusterAggregator();
  for (const raw of raws) {
    const record = recordOf(raw);
    aggregator.add(clusterer.add(record), record);
  }
  return aggregator.build(clusterer.finish(), raws.length, 1).map((c) => c.fingerprint);
}

function withLabels(raw: RawEntry, labels: Record<string, string>): RawEntry {
  const resource = raw.resource as { labels: Record<string, string> };
  resource.labels = { ...resource.labels, ...labels };
  return raw;
}

describe('a service, and so a request fingerprint, is the same in every window', () => {
  it('App Engine: a new version (deploy) keeps the 502 problem of the module', () => {
    const before = realEntry('constructed-gae-request-logs.json', 'wrapgae0003');
    const after = withLabels(realEntry('constructed-gae-request-logs.json', 'wrapgae0003'), { version_id: 'v13' });
    (after.protoPayload as RawEntry).versionId = 'v13';
    expect(recordOf(after).revision).toBe('v13');
    expect(fingerprints([after])).toEqual(fingerprints([before]));
  });

  it('GKE: another pod of the same Deployment (new ReplicaSet) is the same service', () => {
    const pod = realEntry('constructed-k8s-pod-global.json', 'wrapev0000');
    const other = withLabels(realEntry('constructed-k8s-pod-global.json', 'wrapev0000'), {
      pod_name: 'payments-api-5c8f6d9b7f-q2w4z',
    });
    expect(recordOf(other).service).toBe(recordOf(pod).service);
    const request = (raw: RawEntry): RawEntry => ({
      ...raw,
      httpRequest: { requestMethod: 'GET', requestUrl: '/pay', status: 503 },
    });
    expect(fingerprints([request(other)])).toEqual(fingerprints([request(pod)]));
  });

  it('GCE: the instance name, whatever the id', () => {
    const raw = realEntry('gce-instance.json', '#0');
    const recreated = withLabels(realEntry('gce-instance.json', '#0'), { instance_id: '99999' });
    expect(recordOf(recreated).service).toBe(recordOf(raw).service);
  });
});

describe('invisible characters never end up inside names', () => {
  it('a word joiner or zero-width space in a label is dropped from the service', () => {
    const raw = withLabels(realEntry('cloud-run.json', '663760330006df7c63521728'), {
      service_name: 'otel\u2060col\u200b',
      revision_name: '\ufeffexample-00007-sun',
    });
    expect(recordOf(raw)).toMatchObject({ service: 'otelcol', revision: 'example-00007-sun' });
  });

  it('and from the log name', () => {
    const raw = realEntry('constructed-k8s-pod-global.json', 'wrapglobal0001');
    raw.logName = 'projects/example-project/logs/my-batch\u200d-script';
    expect(recordOf(raw)).toMatchObject({ logName: 'my-batch-script', service: 'my-batch-script' });
  });
});
