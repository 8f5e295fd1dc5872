import type { IssueAction } from './core/model/issue-types.js';
import type { LabelSpec } from './core/issues/label-set.js';
import { labelSpec } from './core/issues/label-set.js';
import type { IssuePlan, PlannedWrite } from './core/issues/plan-types.js';
import type { IssueTracker } from './ports.js';

export interface ApplyOptions {
  /** dry-run: write nothing, return the plan's actions as `planned`. */
  dryRun: boolean;
  /** Colours/descriptions for labels the writes use; unknown names get labelSpec's defaults. */
  labels?: LabelSpec[];
  log?: (message: string) => void;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { status?: unknown }).status;
    return typeof status === 'number' ? `HTTP ${status}: ${error.message}` : error.message;
  }
  return String(error);
}

/** Labels the writes set, with specs: ensured once, before the first write, only if any write sets labels. */
function labelsToEnsure(writes: PlannedWrite[], overrides: LabelSpec[]): LabelSpec[] {
  const names = new Set<string>();
  for (const w of writes) {
    const labels = w.kind === 'create' ? w.issue.labels : w.kind === 'comment' ? [] : (w.patch.labels ?? []);
    for (const name of labels) names.add(name);
  }
  return [...names].map((name) => overrides.find((l) => l.name === name) ?? labelSpec(name));
}

async function applyWrite(
  write: PlannedWrite,
  tracker: IssueTracker,
): Promise<{ number: number; url: string } | undefined> {
  switch (write.kind) {
    case 'create':
      return tracker.createIssue(write.issue);
    case 'comment':
      await tracker.addComment(write.issueNumber, write.body);
      return undefined;
    default:
      await tracker.updateIssue(write.issueNumber, write.patch);
      return undefined;
  }
}

/**
 * Carries out the plan, or in a dry run only reports it. This is the one place a dry run is
 * decided (DESIGN §5: "one `if`, not many"): with `dryRun` — or without a tracker, which only a
 * dry run without a token has — no request is made and the actions come back `planned`.
 */
export async function applyPlan(
  plan: IssuePlan,
  tracker: IssueTracker | null,
  options: ApplyOptions,
): Promise<IssueAction[]> {
  if (options.dryRun || !tracker) return planAsActions(plan);
  return writePlan(plan, tracker, options);
}

/** A dry run's result: the plan's actions, those that would write marked `planned`. */
function planAsActions(plan: IssuePlan): IssueAction[] {
  const actions = plan.actions.map((a) => ({ ...a }));
  // Only actions that write get a status; `none` and `skip` are final as planned.
  for (const write of plan.writes) actions[write.action].status = 'planned';
  return actions;
}

/**
 * Writes through the tracker, in plan order (highest priority first). A failed write marks its
 * action `failed` with the error and skips that action's remaining writes (no "reopened" comment
 * on an issue that did not reopen); every other action goes on.
 */
async function writePlan(plan: IssuePlan, tracker: IssueTracker, options: ApplyOptions): Promise<IssueAction[]> {
  const actions = plan.actions.map((a) => ({ ...a }));
  const log = options.log ?? (() => undefined);
  const specs = labelsToEnsure(plan.writes, options.labels ?? []);
  if (specs.length) {
    try {
      await tracker.ensureLabels(specs);
    } catch (error) {
      // Not fatal: GitHub creates missing labels on issue writes, only without our colours.
      log(`Could not ensure labels (${specs.map((s) => s.name).join(', ')}): ${errorMessage(error)}`);
    }
  }
  const failed = new Set<number>();
  for (const write of plan.writes) {
    const action = actions[write.action];
    if (failed.has(write.action)) continue;
    try {
      const created = await applyWrite(write, tracker);
      if (created) {
        action.issueNumber = created.number;
        action.url = created.url;
      }
      action.status = 'done';
    } catch (error) {
      failed.add(write.action);
      action.status = 'failed';
      action.error = `${write.kind} failed: ${errorMessage(error)}`;
      log(
        `Issue ${write.kind} for ${action.fingerprint}${action.issueNumber ? ` (#${action.issueNumber})` : ''} failed: ${errorMessage(error)}`,
      );
    }
  }
  return actions;
}
