// One lint config for client, server, shared, seeds, tests and scripts. Correctness rules only:
// formatting is left to a formatter, so no stylistic rules are switched on here.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import pluginVue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'
import { defineConfig } from 'eslint/config'

export default defineConfig(
  {
    ignores: ['dist/', 'dev-dist/', 'node_modules/', 'screenshots/', 'data/', 'coverage/', 'public/', 'bench/out/', 'test-results/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // `_name` marks a parameter or binding that is unused on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // <script lang="ts"> in single-file components: vue-eslint-parser for the template,
    // typescript-eslint's parser for the script block.
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: {
      // Templates are formatted by the formatter, not by lint rules.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/html-closing-bracket-spacing': 'off',
      'vue/mustache-interpolation-spacing': 'off',
      'vue/no-multi-spaces': 'off',
      'vue/html-quotes': 'off',
    },
  },
  {
    // Route views and door layouts are one word by nature (App.vue, …); the rule helps only for
    // shared building blocks, which are prefixed (Base*.vue) anyway.
    files: ['client/App.vue', 'client/**/*View.vue', 'client/doors/**/*.vue'],
    rules: { 'vue/multi-word-component-names': 'off' },
  },
  {
    // Migrations and their runner take Kysely<any> by design (frozen in time, independent of
    // the app's current Database type).
    files: ['server/db/migrations/**/*.ts', 'server/db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      // Tests poke at loosely typed payloads; `any` is a smell there, not an error.
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The service worker runs in a worker global scope.
    files: ['client/sw/**/*.ts'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
)
