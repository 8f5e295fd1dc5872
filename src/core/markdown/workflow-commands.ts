/**
 * Makes log text inert as GitHub Actions workflow commands when the action prints it.
 *
 * The runner reads every line of a step's output. It executes a line as a command when,
 * after trimming leading white space, it starts with `::` (`::add-mask::x`,
 * `::stop-commands::tok`, `::set-output name=a::b`, `::error file=..::`), and it still
 * honours the legacy `##[command]data` form anywhere in a line
 * (actions/runner src/Runner.Common/ActionCommand.cs, TryParseV2 and TryParse).
 * A ZERO WIDTH SPACE between the two characters of each prefix breaks both forms without
 * changing what a reader sees; it sits in the middle, so no trimming can remove it.
 */

const ZWSP = '\u200b';

// At the start of any line (the runner splits on \n; \r, U+2028/9 are line starts too):
// leading white space other than line breaks, then `::`. Excluding line breaks from the
// white space keeps a text of many empty lines linear.
const LEADING_COMMAND = /^([^\S\r\n\u2028\u2029]*):(?=:)/gm;
const LEGACY_COMMAND = /#(?=#\[)/g;

/** Neutralises `::command` at any line start and `##[command` anywhere. */
export function neutralizeWorkflowCommands(line: string): string {
  if (!line.includes('::') && !line.includes('##[')) return line;
  return line.replace(LEADING_COMMAND, `$1:${ZWSP}`).replace(LEGACY_COMMAND, `#${ZWSP}`);
}

/**
 * Whether the runner would execute `line` as a command; mirrors its two parsers
 * (used by tests and by callers that want to assert before printing).
 */
export function isWorkflowCommand(line: string): boolean {
  return line.split('\n').some((part) => {
    const trimmed = part.trimStart();
    return (trimmed.startsWith('::') && trimmed.indexOf('::', 2) >= 0) || /##\[[^\]]*\]/.test(part);
  });
}
