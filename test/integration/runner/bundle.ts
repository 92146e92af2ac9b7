// The extension host loads plain CommonJS: bundle the suite entry and every
// `test/integration/**/*.test.ts` into `out/test/integration/` (same relative paths).
// `vscode` is provided by the host; packages (mocha, the AWS SDK, ...) stay external and
// resolve from the repository's node_modules at run time.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../../scripts/lib/paths';

export const integrationSourceDir = path.join(repoRoot, 'test', 'integration');
export const integrationOutDir = path.join(repoRoot, 'out', 'test', 'integration');
/** What `extensionTestsPath` points at. */
export const integrationEntry = path.join(integrationOutDir, 'index.js');

/** Every suite file, sorted; the runner folder is not part of the suite. */
export function findTestSources(dir = integrationSourceDir): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'runner') found.push(...findTestSources(full));
    } else if (entry.name.endsWith('.test.ts')) {
      found.push(full);
    }
  }
  return found.sort();
}

// Mocha 12's main entry is ESM; its CommonJS build loads in any extension host (Electron's Node included).
const mochaAsCommonJs: esbuild.Plugin = {
  name: 'mocha-cjs',
  setup(build) {
    build.onResolve({ filter: /^mocha$/ }, () => ({ path: 'mocha/lib/mocha.cjs', external: true }));
  },
};

export async function bundleIntegrationTests(): Promise<string[]> {
  fs.rmSync(integrationOutDir, { recursive: true, force: true });
  const sources = findTestSources();
  const entryPoints = [path.join(integrationSourceDir, 'index.ts'), ...sources];
  await esbuild.build({
    entryPoints,
    outbase: integrationSourceDir,
    outdir: integrationOutDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    packages: 'external',
    external: ['vscode'],
    plugins: [mochaAsCommonJs],
    logLevel: 'warning',
  });
  return sources.map((s) => path.relative(integrationSourceDir, s));
}
