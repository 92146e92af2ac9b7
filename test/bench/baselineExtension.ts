// Builds the test-only baseline extension (test/bench/baseline/extension.ts, bundled with the AWS
// SDK) into a VSIX under bench-results/build/, for the real-VS Code benchmark to install beside ours.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { runCommand } from '../../scripts/lib/processes';
import { repoRoot } from '../../scripts/lib/paths';

export const BASELINE_EXTENSION_ID = 'bench.bedrock-bench-baseline';

export async function buildBaselineVsix(): Promise<string> {
  const dir = path.join(repoRoot, 'bench-results', 'build', 'baseline-extension');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(__dirname, 'baseline', 'extension.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', minify: true, legalComments: 'none',
    external: ['vscode'], outfile: path.join(dir, 'extension.js'), logLevel: 'warning',
  });
  const manifest = {
    name: 'bedrock-bench-baseline', publisher: 'bench', version: '0.0.1', private: true,
    displayName: 'Bench Baseline', description: 'The first-token baseline of the benchmark (test only).',
    engines: { vscode: '^1.104.0' }, main: './extension.js', activationEvents: [], files: ['extension.js'],
    contributes: {
      commands: [
        { command: 'benchBaseline.open', title: 'Open', category: 'Bench Baseline' },
        { command: 'benchBaseline.send', title: 'Send', category: 'Bench Baseline' },
        { command: 'benchBaseline.sendWhole', title: 'Send Whole', category: 'Bench Baseline' },
      ],
    },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'README.md'), 'The first-token baseline of `npm run bench` (test only).\n');
  const vsix = path.join(dir, '..', 'bench-baseline.vsix');
  await runCommand(path.join(repoRoot, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return vsix;
}
