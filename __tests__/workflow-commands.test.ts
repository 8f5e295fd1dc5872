import { isWorkflowCommand, neutralizeWorkflowCommands } from '../src/core/markdown/workflow-commands.js';
import { PLANTED_WORKFLOW_COMMANDS } from '../test/fixtures/hostile-corpus.js';

const Z = '\u200b';

describe('neutralizeWorkflowCommands', () => {
  it.each([
    ['add-mask', '::add-mask::secret', `:${Z}:add-mask::secret`],
    ['stop-commands', '::stop-commands::tok', `:${Z}:stop-commands::tok`],
    ['set-output', '::set-output name=a::b', `:${Z}:set-output name=a::b`],
    ['error annotation', '::error file=a.ts,line=1::boom', `:${Z}:error file=a.ts,line=1::boom`],
    ['leading white space', '   \t::debug::x', `   \t:${Z}:debug::x`],
    ['every line of a multi-line text', 'ok\n::group::g\r\n  ::endgroup::', `ok\n:${Z}:group::g\r\n  :${Z}:endgroup::`],
    ['a CR-only line break', 'a\r::warning::w', `a\r:${Z}:warning::w`],
    ['legacy ##[ anywhere in a line', 'log ##[error]legacy', `log #${Z}#[error]legacy`],
    ['three colons', ':::x::y', `:${Z}::x::y`],
    ['C++ path mid-line is not a command', 'in std::vector::at', 'in std::vector::at'],
    ['plain text', 'GET /healthz 200', 'GET /healthz 200'],
    ['colon in a time', '12:34:56 ::', '12:34:56 ::'],
  ])('%s', (_name, input, expected) => {
    expect(neutralizeWorkflowCommands(input)).toBe(expected);
  });

  it.each(PLANTED_WORKFLOW_COMMANDS.map((command) => [command]))(
    'the runner would run %j raw but not neutralised',
    (command) => {
      expect(isWorkflowCommand(command)).toBe(true);
      expect(isWorkflowCommand(neutralizeWorkflowCommands(command))).toBe(false);
      expect(isWorkflowCommand(neutralizeWorkflowCommands(`prefix\n ${command}\nsuffix`))).toBe(false);
    },
  );

  it('is idempotent', () => {
    const once = neutralizeWorkflowCommands(PLANTED_WORKFLOW_COMMANDS.join('\n'));
    expect(neutralizeWorkflowCommands(once)).toBe(once);
  });
});
