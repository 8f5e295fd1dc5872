import { severityRank, SEVERITIES } from '../src/core/model/log-record.js';

describe('severityRank', () => {
  it.each([
    ['DEFAULT', 0],
    ['WARNING', 400],
    ['EMERGENCY', 800],
  ] as const)('%s ranks %i', (severity, rank) => {
    expect(severityRank(severity)).toBe(rank);
  });
  it('orders the severities ascending', () => {
    const ranks = SEVERITIES.map(severityRank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});
