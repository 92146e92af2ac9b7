// Mocha settings of the e2e tier (`npm run test:e2e`). Every `test/e2e/**/*.e2e.ts` runs, unless
// files are named on the command line (`npm run test:e2e -- test/e2e/chat.e2e.ts`): mocha would
// otherwise add those to the spec list instead of running just them.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS config file, read by mocha */
const fs = require('node:fs');
/* eslint-enable @typescript-eslint/no-require-imports */

const named = process.argv.slice(2).some((a) => /\.e2e\.ts$/.test(a));

// Suites whose sessions are started alike share one (support/session.ts), as long as they run one
// after the other: so these run first, in this order, each group together; the others follow in
// alphabetical order. (The hostile-output suite starts no workbench: it runs first, while no
// session is up.)
const GROUPED = [
  'hostileOutput',
  // no extra settings, no files
  'chat', 'images', 'layout', 'palette', 'retrieval',
  // the dark theme
  'compare', 'playground', 'reliabilityReload',
  // no extra settings again, a session of their own: these leave chats with long prompts, costs
  // and guardrails behind, which the playground's first group would find in its panel
  'costCaching', 'guardrails', 'cost', 'usage',
];

function orderedSpec() {
  const all = fs.readdirSync(__dirname).filter((f) => f.endsWith('.e2e.ts')).map((f) => f.replace(/\.e2e\.ts$/, '')).sort();
  const first = GROUPED.filter((n) => all.includes(n));
  const rest = all.filter((n) => !GROUPED.includes(n));
  return [...first, ...rest].map((n) => `test/e2e/${n}.e2e.ts`);
}

module.exports = {
  'node-option': ['import=tsx'],
  require: ['test/e2e/support/rootHooks.ts'],
  spec: named ? [] : orderedSpec(),
  // Real VS Code in a real browser: a first session may install code-server and build the VSIX
  // (the session hooks allow for that); a single UI step can take a few seconds on 2 cores.
  timeout: 120000,
  slow: 20000,
  exit: true,
};
