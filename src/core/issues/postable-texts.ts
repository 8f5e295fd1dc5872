import type { IssuePlan, PlannedWrite } from './plan-types.js';

/**
 * redact: strict — every planned title, body and comment is checked before the first write, so
 * a refused text leaves no half-applied plan. `check` is redact/'s assertPostable; it lives in
 * issues/ because it reads the plan's writes, which redact/ (an earlier stage) cannot know.
 */
export function refuseLeakingWrites(plan: IssuePlan, check: (text: string, where: string) => void): void {
  for (const write of plan.writes) {
    for (const [where, text] of Object.entries(postableTexts(write))) check(text, `issue ${write.kind} ${where}`);
  }
}

/** The texts a write would post, by where they go: `title`, `body`, `comment`. */
export function postableTexts(write: PlannedWrite): Record<string, string> {
  const texts: Record<string, string> = {};
  switch (write.kind) {
    case 'create':
      if (write.issue.title) texts.title = write.issue.title;
      if (write.issue.body) texts.body = write.issue.body;
      break;
    case 'comment':
      if (write.body) texts.comment = write.body;
      break;
    default:
      if (write.patch.title) texts.title = write.patch.title;
      if (write.patch.body) texts.body = write.patch.body;
  }
  return texts;
}
