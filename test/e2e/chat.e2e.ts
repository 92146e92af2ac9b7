// The first thing a newcomer does: open the palette, run "Bedrock: Chat", get the playground.
import * as assert from 'node:assert/strict';
import { useSession } from './support/session';
import { editorTab, runCommand, webview } from './support/workbench';

describe('Bedrock: Chat from the command palette', () => {
  const session = useSession({ name: 'chat-open' });

  it('opens the playground webview, rendered and ready for a message', async () => {
    const { page } = session();
    await session().screenshot('workbench');
    await runCommand(page, 'Bedrock: Chat');
    await editorTab(page, 'Bedrock Chat').waitFor({ state: 'visible' });
    const view = webview(page);
    // The webview's script has run (it clears aria-busy) and drawn the composer.
    await view.locator('#app:not([aria-busy])').waitFor({ state: 'attached' });
    const input = view.locator('#composer-input');
    await input.waitFor({ state: 'visible' });
    assert.equal(await input.isEditable(), true);
    await session().screenshot('playground');
  });
});
