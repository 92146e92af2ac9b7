// What `npm run package` puts in the VSIX, as vsce itself lists it (`vsce ls`): what runs, the
// media it shows, the manifest; never sources, tests, or the README's screenshots (1 MB of the
// Marketplace page). vsce's own rules decide, so a .vscodeignore that reads right but is applied
// otherwise (a "!" pattern wins over every ignore) fails here.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const repoRoot = path.resolve(__dirname, '../../..');

async function vsceList(): Promise<string[]> {
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const { stdout } = await promisify(execFile)(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot });
  return stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('packaging: the files of the VSIX', function () {
  this.timeout(60_000);
  let files: string[];
  before(async () => { files = await vsceList(); });

  it('ships the manifest, the webview page and its styles, the icon and the walkthrough', () => {
    for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media/playground.html', 'media/playground.css', 'media/images.css', 'media/usage.css', 'media/icon.png', 'media/walkthrough/connect.md']) {
      assert.ok(files.includes(f), `${f} is missing from: ${files.join(', ')}`);
    }
  });

  it('ships every lazily loaded SDK bundle that the extension bundle requires (when built)', function () {
    if (!files.some((f) => f.startsWith('dist/'))) this.skip();
    for (const f of ['dist/extension.js', 'dist/awsSdk.js', 'dist/awsAgentSdk.js', 'dist/awsPricingSdk.js', 'dist/awsCloudWatchSdk.js']) assert.ok(files.includes(f), `${f} is missing`);
  });

  it('ships only bundles of dist/ (when built), and no sources, tests or screenshots', () => {
    const unexpected = files.filter((f) => /^(src|webview|test|scripts|node_modules|artifacts)\//.test(f) || f.startsWith('media/screenshots/') || (f.startsWith('dist/') && !/^dist\/[A-Za-z]+\.js$/.test(f)));
    assert.deepEqual(unexpected, []);
  });

  it('ships every bundle the build made (a script loaded later, such as the highlighter, too)', () => {
    const dist = path.join(repoRoot, 'dist');
    const built = fs.existsSync(dist) ? fs.readdirSync(dist).filter((f) => /^[A-Za-z]+\.js$/.test(f)).map((f) => `dist/${f}`) : [];
    assert.deepEqual(built.filter((f) => !files.includes(f)), []);
  });
});
