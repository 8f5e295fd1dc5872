/**
 * The commit a revision was built from, as its entries carry it: Cloud Build deploys to Cloud Run
 * label every entry `commit-sha` (https://cloud.google.com/build/docs/deploying-builds/deploy-cloud-run);
 * GKE pods carry their own pod labels as `k8s-pod/<label>`, where a commit label, when a team sets
 * one, has a name like `commit-sha` or `git-commit`.
 */

const COMMIT_KEY = /(^|\/)(commit[-_]?sha|git[-_]?(commit|sha)|commit)$/i;
/** A hex object name, or a short one; anything else (a version tag) is not a commit. */
const SHA = /^[0-9a-f]{7,64}$/i;

/** The commit label of a raw LogEntry, '' when it has none. */
export function commitOfEntry(raw: unknown): string {
  if (typeof raw !== 'object' || raw === null) return '';
  const labels = (raw as { labels?: unknown }).labels;
  if (typeof labels !== 'object' || labels === null) return '';
  for (const [key, value] of Object.entries(labels as Record<string, unknown>))
    if (COMMIT_KEY.test(key) && typeof value === 'string' && SHA.test(value)) return value.toLowerCase();
  return '';
}
