import { describe, expect, it } from '@jest/globals';
import {
  clusterLogsQuery,
  longestConstantToken,
  logsExplorerUrl,
  type ClusterQueryHint,
} from '../src/core/read/logs-explorer-link.js';
import { ClusterAggregator } from '../src/core/cluster/aggregate.js';
import { createClusterer } from '../src/core/cluster/cluster.js';
import { corpusEntry as realEntry, recordOf } from '../test/real-corpus.js';

const BASE =
  'resource.type="cloud_run_revision"\ntimestamp>="2025-03-01T10:00:00.000Z" AND timestamp<"2025-03-01T11:00:00.000Z"';

describe('logsExplorerUrl', () => {
  it('puts the encoded query and the time range in matrix parameters', () => {
    const url = logsExplorerUrl(
      'my-proj',
      'severity>=ERROR\n(a="x;y")',
      Date.parse('2025-03-01T10:00:00Z'),
      Date.parse('2025-03-01T11:00:00Z'),
    );
    expect(url).toBe(
      'https://console.cloud.google.com/logs/query;query=severity%3E%3DERROR%0A%28a%3D%22x%3By%22%29' +
        ';startTime=2025-03-01T10:00:00.000Z;endTime=2025-03-01T11:00:00.000Z?project=my-proj',
    );
  });

  it('round-trips the query exactly', () => {
    const query = `${BASE}\n"it's (really) *bad*!"`;
    const url = logsExplorerUrl('p', query, 0, 1);
    const encoded = /;query=([^;]*);/.exec(url)?.[1] ?? '';
    expect(encoded).not.toMatch(/[()!'*;=\s]/);
    expect(decodeURIComponent(encoded)).toBe(query);
  });
});

describe('clusterLogsQuery', () => {
  it.each<[string, ClusterQueryHint, string[]]>([
    [
      'exception type',
      { services: ['api'], errorType: 'KeyError', template: 'KeyError: <*>' },
      ['resource.labels.service_name="api"', '"KeyError"'],
    ],
    [
      'longest constant text',
      { services: ['api', 'worker'], template: 'connection to <IP> refused by upstream pool <NUM>' },
      ['resource.labels.service_name=("api" OR "worker")', '"refused by upstream pool"'],
    ],
    [
      'request cluster',
      { services: ['api'], template: 'GET /orders/{id} 503', status: 503, route: '/orders/{id}' },
      ['resource.labels.service_name="api"', 'httpRequest.status=503', 'httpRequest.requestUrl:"/orders/"'],
    ],
  ])('%s', (_name, cluster, lines) => {
    const query = clusterLogsQuery(BASE, cluster);
    expect(query.startsWith(BASE)).toBe(true);
    expect(query.split('\n').slice(2)).toEqual(lines);
  });
});

describe('longestConstantToken', () => {
  it.each([
    ['Timeout after <NUM> ms waiting for lock', 'ms waiting for lock'],
    ['<*> <*>', ''],
    [
      'backup failed: AccessDeniedException: {value} [REDACTED:email] does not have access',
      'backup failed: AccessDeniedException',
    ],
    ['Traceback (most recent call last):\n  File <*>', 'Traceback (most recent call last'],
  ])('%j → %j', (template, token) => {
    expect(longestConstantToken(template)).toBe(token);
  });
});

describe('clusterLogsQuery: a problem outside Cloud Run queries its own resource', () => {
  const K8S = {
    type: 'k8s_container',
    selector:
      'resource.type="k8s_container" resource.labels.namespace_name="shop" resource.labels.container_name="payments-api"',
  };
  const BASE_WITH_SERVICE = `resource.type="cloud_run_revision"\nresource.labels.service_name="api"\n${BASE.split('\n')[1]}`;

  it.each<[string, ClusterQueryHint, string[]]>([
    [
      'GKE container exception: the resource replaces the Cloud Run scope',
      { services: ['shop/payments-api'], errorType: 'KeyError', template: 'KeyError: {value}', resources: [K8S] },
      [K8S.selector, '"KeyError"'],
    ],
    [
      'two resource types are ORed',
      {
        services: ['shop/payments-api', 'payments-api'],
        template: 'connection refused by upstream pool',
        resources: [
          K8S,
          {
            type: 'cloud_run_revision',
            selector: 'resource.type="cloud_run_revision" resource.labels.service_name="payments-api"',
          },
        ],
      },
      [
        `((${K8S.selector}) OR (resource.type="cloud_run_revision" resource.labels.service_name="payments-api"))`,
        '"connection refused by upstream pool"',
      ],
    ],
    [
      'App Engine request problem: status and path as the request log keeps them',
      {
        services: ['default'],
        template: 'GET /api/orders/{id}',
        status: 404,
        route: '/api/orders/{id}',
        resources: [{ type: 'gae_app', selector: 'resource.type="gae_app" resource.labels.module_id="default"' }],
      },
      [
        'resource.type="gae_app" resource.labels.module_id="default"',
        'protoPayload.status=404',
        'protoPayload.resource:"/api/orders/"',
      ],
    ],
    [
      'audit problem: selected by service and method, no text search',
      {
        services: ['run.googleapis.com'],
        template: 'google.cloud.run.v1.Services.ReplaceService → PERMISSION_DENIED',
        resources: [
          {
            type: 'cloud_run_revision',
            selector:
              'resource.type="cloud_run_revision" protoPayload.serviceName="run.googleapis.com" protoPayload.methodName="google.cloud.run.v1.Services.ReplaceService"',
          },
        ],
      },
      [
        'resource.type="cloud_run_revision" protoPayload.serviceName="run.googleapis.com" protoPayload.methodName="google.cloud.run.v1.Services.ReplaceService"',
      ],
    ],
  ])('%s', (_name, cluster, lines) => {
    const query = clusterLogsQuery(BASE_WITH_SERVICE, cluster);
    expect(query.split('\n')).toEqual([BASE.split('\n')[1], ...lines]);
  });

  it('a Cloud Run problem keeps the base query and its service clause, as before', () => {
    const cluster: ClusterQueryHint = {
      services: ['api'],
      errorType: 'KeyError',
      template: 'KeyError: <*>',
      resources: [
        {
          type: 'cloud_run_revision',
          selector: 'resource.type="cloud_run_revision" resource.labels.service_name="api"',
        },
      ],
    };
    expect(clusterLogsQuery(BASE, cluster)).toBe(clusterLogsQuery(BASE, { ...cluster, resources: undefined }));
  });

  it('through the pipeline: the link of a real GKE problem names its resource type and labels', () => {
    const record = recordOf(realEntry('k8s-container.json', '1a2b3c4d'));
    const clusterer = createClusterer();
    const aggregator = new ClusterAggregator();
    aggregator.add(clusterer.add(record), record);
    const [cluster] = aggregator.build(clusterer.finish(), 1, 1);
    const url = logsExplorerUrl('p', clusterLogsQuery(BASE, cluster!), 0, 1);
    const query = decodeURIComponent(/;query=([^;]*);/.exec(url)![1]!);
    expect(query).toContain(
      'resource.type="k8s_container" resource.labels.namespace_name="dynatrace" resource.labels.container_name="test-app-api"',
    );
    expect(query).not.toContain('cloud_run_revision');
  });
});
