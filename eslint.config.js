// ESLint flat config: typescript-eslint's recommended rules (not type-checked, to stay fast)
// plus the process-boundary rules of docs STYLE.md, enforced with no-restricted-imports:
//   - no deep imports into another workspace package's src (use its package.json exports;
//     integration tests under tests/ are exempt: they test internals on purpose);
//   - supervisor/ never imports Baileys (only session actors load it);
//   - composition is server/'s alone: no other package imports @switchboard/server, the
//     supervisor does not start the console (@switchboard/desktop) nor import the gateway, and the gateway reaches
//     actors only through the SessionHub it is given (never @switchboard/supervisor);
//   - desktop/src/renderer never imports node-only code (shared/node, mongoose, node: modules).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const PACKAGE_DIRS = '(shared|supervisor|server|session-actor|gateway|desktop|wa-sim)';

/** Restrictions every file gets. */
const common = {
  paths: [],
  patterns: [
    {
      regex: '^@switchboard/[^/]+/src(/|$)',
      message: 'Import another package through its package.json exports (e.g. @switchboard/shared/node), not its src.',
    },
    {
      regex: `^(\\.\\./)+(tests/)?${PACKAGE_DIRS}/src/`,
      message: 'No deep imports into another package: use its @switchboard/* entry point.',
    },
  ],
};

/** no-restricted-imports options for a directory: the common ones plus every `extras`. */
function restricted(...extras) {
  const all = [common, ...extras];
  return ['error', { paths: all.flatMap((e) => e.paths), patterns: all.flatMap((e) => e.patterns) }];
}

const noBaileys = {
  paths: [{ name: '@whiskeysockets/baileys', message: 'The supervisor never loads Baileys: only session actors do.' }],
  patterns: [{ group: ['@whiskeysockets/baileys/*'], message: 'The supervisor never loads Baileys: only session actors do.' }],
};

const serverMessage = 'Only the server package composes the node (database, supervisor, gateway, console): no package below it imports it.';
const noServer = {
  paths: [{ name: '@switchboard/server', message: serverMessage }],
  patterns: [{ group: ['@switchboard/server/*'], message: serverMessage }],
};

const supervisorMessage = 'The supervisor supervises: starting the gateway and the console is composition (server/src/main.ts).';
const supervisorNoConsole = {
  paths: [{ name: '@switchboard/desktop', message: supervisorMessage }],
  patterns: [{ group: ['@switchboard/desktop/*'], message: supervisorMessage }],
};

const supervisorNoGateway = {
  paths: [{ name: '@switchboard/gateway', message: 'The supervisor supervises actors: the gateway is wired to it by the server, never imported.' }],
  patterns: [{ group: ['@switchboard/gateway/*'], message: 'The supervisor supervises actors: the gateway is wired to it by the server, never imported.' }],
};

const gatewayMessage = 'The gateway reaches actors only through the SessionHub it is given; the server wires the supervisor to it.';
const gatewayNoSupervisor = {
  paths: [{ name: '@switchboard/supervisor', message: gatewayMessage }],
  patterns: [{ group: ['@switchboard/supervisor/*'], message: gatewayMessage }],
};

const rendererMessage = 'The renderer runs in the browser: no node-only code (talk to the gateway over REST/Socket.IO).';
const rendererOnly = {
  paths: [
    { name: '@switchboard/shared/node', message: rendererMessage },
    { name: 'mongoose', message: rendererMessage },
    { name: 'mongodb', message: rendererMessage },
    ...builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: rendererMessage })),
  ],
  patterns: [{ group: ['node:*', 'mongoose/*', 'mongodb/*'], message: rendererMessage }],
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out/**',
      '**/coverage/**',
      '**/.tmp/**',
      'data/**',
      'shared/embedded-db/**',
      'playwright-report/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The actor loader (session-actor/build/actorLoader.cjs) is CommonJS on purpose.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // tsc (strict) is the type gate; `any` is sometimes the honest type at library seams.
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-console': 'off',
      'no-restricted-imports': restricted(),
    },
  },
  {
    files: ['{shared,supervisor,server,session-actor,gateway}/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*Cli.ts', '**/cli.ts', '**/main.ts', '**/demo.ts', '**/testing/**'],
    rules: { 'no-console': 'error' },
  },
  {
    // Cross-package integration tests may reach into packages' internals (white-box tests).
    files: ['tests/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['{shared,session-actor,desktop}/**/*.{ts,tsx,js,jsx}'],
    rules: { 'no-restricted-imports': restricted(noServer) },
  },
  {
    files: ['gateway/**/*.{ts,tsx,js}'],
    rules: { 'no-restricted-imports': restricted(noServer, gatewayNoSupervisor) },
  },
  {
    files: ['supervisor/**/*.{ts,tsx,js}'],
    rules: { 'no-restricted-imports': restricted(noBaileys, noServer, supervisorNoConsole, supervisorNoGateway) },
  },
  {
    files: ['desktop/src/renderer/**/*.{ts,tsx,js,jsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restricted(rendererOnly, noServer) },
  },
);
