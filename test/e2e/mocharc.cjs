// Mocha settings of the e2e tier (`npm run test:e2e`). Every `test/e2e/**/*.e2e.ts` runs, unless
// files are named on the command line (`npm run test:e2e -- test/e2e/chat.e2e.ts`): mocha would
// otherwise add those to the spec list instead of running just them.
const named = process.argv.slice(2).some((a) => /\.e2e\.ts$/.test(a));

module.exports = {
  'node-option': ['import=tsx'],
  spec: named ? [] : ['test/e2e/**/*.e2e.ts'],
  // Real VS Code in a real browser: a first session may install code-server and build the VSIX
  // (the session hooks allow for that); a single UI step can take a few seconds on 2 cores.
  timeout: 120000,
  slow: 20000,
  exit: true,
};
