import type { TrackedIssue } from '../model/issue-types.js';
import type { MarkerState } from './marker.js';
import { parseMarker } from './marker.js';

/**
 * Which issues are ours. Only an issue by a trusted author whose body ends in a valid marker
 * counts; anything else (a copied marker on someone else's issue) is invisible to the plan and
 * to prioritisation alike.
 */

/** An issue of ours and the state its marker holds. */
export interface Owned {
  issue: TrackedIssue;
  marker: MarkerState;
}

/**
 * Whether `login` is one of `trustedAuthors`. GitHub logins are case-insensitive, so a
 * `trusted-authors` entry written `Octo-Maintainer` trusts issues by `octo-maintainer`.
 */
export function isTrustedAuthor(login: string, trustedAuthors: readonly string[]): boolean {
  const wanted = login.toLowerCase();
  return trustedAuthors.some((author) => author.toLowerCase() === wanted);
}

/** Trusted, marked issues grouped by fingerprint. */
export function indexIssues(issues: TrackedIssue[], trustedAuthors: readonly string[]): Map<string, Owned[]> {
  const index = new Map<string, Owned[]>();
  for (const issue of issues) {
    if (!isTrustedAuthor(issue.author, trustedAuthors)) continue;
    const marker = parseMarker(issue.body);
    if (!marker) continue;
    index.set(marker.fp, [...(index.get(marker.fp) ?? []), { issue, marker }]);
  }
  return index;
}

/** Fingerprints of the problems an issue of ours already tracks: not new to prioritisation. */
export function knownFingerprints(issues: TrackedIssue[], trustedAuthors: readonly string[]): Set<string> {
  return new Set(indexIssues(issues, trustedAuthors).keys());
}

/** Oldest first; the issue number breaks a tie. */
export function byAge(a: Owned, b: Owned): number {
  return a.issue.createdAt - b.issue.createdAt || a.issue.number - b.issue.number;
}

/** The open issues for one problem, oldest (the one that tracks it) first. */
export function openByAge(owned: Owned[]): Owned[] {
  return owned.filter((o) => o.issue.state === 'open').sort(byAge);
}
