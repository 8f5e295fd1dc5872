import { describe, expect, it } from '@jest/globals';
import {
  clusterLogsQuery,
  longestConstantToken,
  logsExplorerUrl,
  type ClusterQueryHint,
} from '../src/core/read/logs-explorer-link.js';

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
    ['Traceback (most recent call last):\n  File <*>', 'Traceback (most recent call last'],
  ])('%j → %j', (template, token) => {
    expect(longestConstantToken(template)).toBe(token);
  });
});
