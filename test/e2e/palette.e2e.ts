import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../scripts/lib/paths';
import { useSession } from './support/session';
import { expectInPalette, runCommand, shownOutputChannel } from './support/workbench';

interface ManifestCommand {
  command: string;
  title: string;
  category?: string;
}

/**
 * Palette titles of the contributed commands, minus those whose palette entry has a `when`
 * clause (hidden, or only shown in some context such as an editor with a selection).
 */
function paletteCommands(): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { commands?: ManifestCommand[]; menus?: { commandPalette?: Array<{ command: string; when?: string }> } };
  };
  const hidden = new Set((manifest.contributes.menus?.commandPalette ?? []).filter((m) => m.when !== undefined).map((m) => m.command));
  return (manifest.contributes.commands ?? []).filter((c) => !hidden.has(c.command)).map((c) => (c.category ? `${c.category}: ${c.title}` : c.title));
}

describe('the packaged extension in VS Code (code-server + Chromium)', () => {
  const session = useSession({ name: 'palette' });

  it('offers every contributed command in the command palette', async () => {
    const { page } = session();
    for (const title of paletteCommands()) await expectInPalette(page, title);
  });

  it('"Bedrock: Show Log" opens the Bedrock log', async () => {
    const { page } = session();
    await runCommand(page, 'Bedrock: Show Log');
    assert.equal(await shownOutputChannel(page), 'Bedrock');
    await session().screenshot('show-log');
  });
});
