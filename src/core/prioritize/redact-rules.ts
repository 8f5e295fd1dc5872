import { redactText, type RedactOptions } from '../redact/redact.js';
import type { RulesConfig } from './rules-config.js';

/**
 * The rules file's own text (reason, likely causes, recommended actions) is posted in issues and
 * the worklog like log text is, so it is redacted the same way: a token pasted into a runbook
 * line must not reach a public issue.
 */
export function redactRuleText(config: RulesConfig, options: RedactOptions): RulesConfig {
  const redact = (text: string) => redactText(text, options);
  return {
    ...config,
    rules: config.rules.map((rule) => ({
      ...rule,
      reason: redact(rule.reason),
      likelyCauses: rule.likelyCauses.map(redact),
      recommendedActions: rule.recommendedActions.map(redact),
    })),
  };
}
