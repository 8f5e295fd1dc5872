import { generateRealisticHour, HOUR_KINDS, type HourKind } from '../scripts/realistic/generate.js';

const small = { floodCount: 300 };

describe('realistic incident hours (scripts/realistic)', () => {
  it('is deterministic for a seed, and another seed gives other ids', () => {
    for (const kind of ['outage', 'flood', 'hostile'] as HourKind[]) {
      const a = generateRealisticHour(kind, 1, small);
      const b = generateRealisticHour(kind, 1, small);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      const other = generateRealisticHour(kind, 1, { ...small, seed: 2 });
      expect(other.entries[0]!.insertId).not.toBe(a.entries[0]!.insertId);
    }
  });

  it.each(HOUR_KINDS)('%s: every entry has a truth record, problems and incidents are consistent', (kind) => {
    const hours = [1, 2].map((hour) => generateRealisticHour(kind, hour as 1 | 2, small));
    for (const { entries, truth } of hours) {
      const ids = entries.map((e) => e.insertId as string);
      expect(new Set(ids).size).toBe(ids.length);
      expect(Object.keys(truth.entries).sort()).toEqual([...ids].sort());
      // Newest first, as gcloud prints them; inside the hour.
      const times = entries.map((e) => e.timestamp as string);
      expect([...times].sort().reverse()).toEqual(times);
      expect(Date.parse(times.at(-1)!)).toBeGreaterThanOrEqual(Date.parse(truth.window.start));
      expect(Date.parse(times[0]!)).toBeLessThan(Date.parse(truth.window.end));
      for (const t of Object.values(truth.entries)) {
        if (t.problem !== null) expect(truth.problems[t.problem]).toBeDefined();
        if (t.analyse) expect(t.priorities.length).toBeGreaterThan(0);
      }
      for (const incident of truth.incidents) {
        expect(incident.problems[0]).toBe(incident.root);
        for (const p of incident.problems) expect(truth.problems[p]?.incident).toBe(incident.id);
        expect(truth.problems[incident.root]!.root).toBe(true);
      }
      for (const p of Object.values(truth.problems))
        if (p.incident) expect(truth.incidents.map((i) => i.id)).toContain(p.incident);
    }
    // The two hours of a kind share problem ids.
    const [p1, p2] = hours.map((h) => new Set(Object.keys(h.truth.problems)));
    const shared = [...p1!].filter((p) => p2!.has(p));
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.length).toBeGreaterThanOrEqual(Math.min(p1!.size, p2!.size) - 1);
  });

  it('keeps revisions across the two hours unless a deploy happens, and records the deploy', () => {
    const revisions = (kind: HourKind, hour: 1 | 2) =>
      new Set(
        generateRealisticHour(kind, hour, small).entries.map(
          (e) => (e.resource as { labels: Record<string, string> }).labels.revision_name,
        ),
      );
    const oom1 = revisions('oom', 1);
    expect([...revisions('oom', 2)].every((r) => oom1.has(r))).toBe(true);
    const deploy = generateRealisticHour('bad-deploy', 1, small);
    expect(deploy.truth.deploy?.minute).toBe(24);
    const onNew = deploy.entries.filter(
      (e) => (e.resource as { labels: Record<string, string> }).labels.revision_name === deploy.truth.deploy!.revision,
    );
    expect(onNew.length).toBeGreaterThan(0);
    for (const e of onNew) expect((e.labels as Record<string, string>)['commit-sha']).toBe(deploy.truth.deploy!.commit);
    expect(revisions('bad-deploy', 2).has(deploy.truth.deploy!.revision)).toBe(true);
  });

  it('the flood hour holds the flood and 30 rare errors, two of them must-page', () => {
    const { truth } = generateRealisticHour('flood', 1, small);
    const counts = new Map<string, number>();
    for (const t of Object.values(truth.entries))
      if (t.problem) counts.set(t.problem, (counts.get(t.problem) ?? 0) + 1);
    expect(counts.get(truth.flood!.problem)).toBe(300);
    expect(truth.rare).toHaveLength(30);
    for (const r of truth.rare!) expect(counts.get(r)).toBeGreaterThanOrEqual(1);
    for (const r of truth.rare!) expect(counts.get(r)).toBeLessThanOrEqual(3);
    expect(truth.rare!.filter((r) => truth.problems[r]!.priorities.join() === 'P0')).toHaveLength(2);
  });

  it('a symptom that outlives its root is its own incident in the next hour', () => {
    const [h1, h2] = [1, 2].map((h) => generateRealisticHour('symptom-outlives-root', h as 1 | 2, small).truth);
    expect(h1!.problems['storefront/search-socket-hangup']!.root).toBe(false);
    expect(h2!.problems['storefront/search-socket-hangup']!.root).toBe(true);
    expect(h2!.problems['search-api/settings-validation']).toBeUndefined();
  });
});
