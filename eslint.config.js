// Lint rules, including the folder boundaries that keep code where it runs:
//   core/      pure domain code: imports nothing of the other folders and no Node or DOM API
//   renderer/  the UI: imports only core/; renderer/models/ is DOM-free (no DOM, no Lit, only
//              core/ and other models), so that the Node tests import it (and renderer/lib/)
//   db/        the archive: imports only core/ (and Node); only electron/ imports it
//   electron/  the main process, its services and the CLI: may import core/ and db/
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const folder = (name) => [
  `**/${name}`,
  `**/${name}/**`,
  `../${name}`,
  `../${name}/**`,
  `../../${name}/**`,
  `../../../${name}/**`,
];

const forbid = (folders, message) => ({
  group: folders.flatMap(folder),
  message,
});

/** Globals the browser has and Node does not (document, window, HTMLElement, requestAnimationFrame…). */
const browserOnly = Object.keys(globals.browser).filter(
  (name) => !(name in globals.node) && !(name in globals.builtin),
);

const rendererImports = {
  paths: [
    ...nodeBuiltins.map((name) => ({
      name,
      message: 'The renderer never touches Node: call the typed API.',
    })),
    {
      name: 'electron',
      message: 'The renderer reaches the main process only through the typed API.',
    },
    { name: 'better-sqlite3', message: 'The renderer never touches the archive directly.' },
  ],
  patterns: [forbid(['electron', 'db'], 'renderer/ imports only core/.')],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'tests/artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['electron/cli/bin.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({
              name,
              message: 'core/ runs in Node and in the renderer: no Node API.',
            })),
            { name: 'electron', message: 'core/ must not depend on Electron.' },
            { name: 'better-sqlite3', message: 'core/ does no I/O.' },
          ],
          patterns: [
            forbid(['electron', 'renderer', 'db'], 'core/ imports nothing of the other folders.'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'fetch',
          'process',
          'Buffer',
          'require',
          '__dirname',
          'XMLHttpRequest',
        ].map((name) => ({
          name,
          message: 'core/ runs in Node and in the renderer: no platform API.',
        })),
      ],
    },
  },
  {
    files: ['renderer/**/*.ts'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererImports] },
  },
  {
    // the editors' models: DOM-free, so that Node runs their tests
    files: ['renderer/models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: rendererImports.paths,
          patterns: [
            ...rendererImports.patterns,
            {
              group: ['lit', 'lit/**', '@lit/**'],
              message: 'renderer/models/ is DOM-free: no Lit (the components are its shells).',
            },
            {
              group: ['components', 'state', 'api', 'lib', 'styles'].flatMap((name) => [
                `../${name}`,
                `../${name}/**`,
              ]),
              message: 'renderer/models/ imports only core/ and other models.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...browserOnly.map((name) => ({
          name,
          message: 'renderer/models/ is DOM-free: the component passes what the model needs.',
        })),
      ],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'db/ is Electron-free: the CLI and tests use it directly.',
            },
          ],
          patterns: [forbid(['electron', 'renderer'], 'db/ imports only core/.')],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/cli/**/*.ts', 'electron/bridge/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Services, the CLI and the HTTP bridge never import electron, so they run without the Electron binary.',
            },
          ],
          patterns: [forbid(['renderer'], 'The main process does not import the renderer.')],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'tests/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // every renderer module but renderer/models/ and renderer/lib/ (a re-included
              // folder's parent must not be excluded); the type check of tests, without the DOM
              // library, refuses a DOM helper of lib/ that a test would import
              group: ['', '../', '../../', '../../../'].flatMap((up) => [
                `${up}renderer/*`,
                `!${up}renderer/models`,
                `!${up}renderer/lib`,
                `${up}renderer/*/**`,
                `!${up}renderer/models/**`,
                `!${up}renderer/lib/**`,
              ]),
              message:
                'Node-side code imports of the renderer only its DOM-free models and helpers (renderer/models/, renderer/lib/).',
            },
          ],
        },
      ],
    },
  },
);
