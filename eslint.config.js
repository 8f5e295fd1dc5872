import tseslint from 'typescript-eslint';

/** Pipeline order of src/core's stage folders: a stage imports only itself and earlier stages. */
export const STAGES = [
  'model',
  'markdown',
  'read',
  'normalize',
  'redact',
  'cluster',
  'prioritize',
  'correlate',
  'compare',
  'issues',
  'report',
];

/**
 * For stage i, at a folder depth under src/core (1: `core/stage/x.ts`, 2: `core/stage/sub/x.ts`):
 * no packages, no node:*, nothing outside src/core, and no later stage.
 */
const stageRule = (stage, i, depth) => {
  const up = '../'.repeat(depth);
  const later = STAGES.slice(i + 1);
  return {
    files: [depth === 1 ? `src/core/${stage}/*.ts` : `src/core/${stage}/*/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // A bare specifier (a package, node:*) or a relative path that climbs out of src/core.
              regex: `^(?!\\.\\.?/)|^(\\.\\./){${depth + 1}}`,
              message: 'src/core is pure: no packages, no node:*, nothing outside src/core (DESIGN §5).',
            },
            ...(later.length
              ? [
                  {
                    group: later.map((name) => `${up}${name}/**`),
                    message: `src/core/${stage} may import only itself and earlier stages (${STAGES.slice(0, i).join(', ') || 'none'}).`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  };
};
const stageRules = STAGES.flatMap((stage, i) => [stageRule(stage, i, 1), stageRule(stage, i, 2)]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Control characters in regexes are deliberate here: stripping them is the point.
      'no-control-regex': 'off',
    },
  },
  ...stageRules,
);
