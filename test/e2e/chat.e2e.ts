// The first thing a newcomer does: open the palette, run "Bedrock: Chat", get the playground;
// an Enter before the model list is there says so, until the list comes; and code in an answer
// is highlighted by highlight.js, which the page loads on its first code block.
import * as assert from 'node:assert/strict';
import { useSession } from './support/session';
import { editorTab, runCommand, sendMessage, webview } from './support/workbench';

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

  it('Enter before there is a model says "Choose a model first."; the notice goes when the list comes', async () => {
    const { page, bedrock } = session();
    // The model list fails until the faults are cleared (an IAM denial, in IAM's words): a new chat starts with no model.
    await bedrock.injectFault({
      operation: 'ListFoundationModels', fault: 'accessDenied', times: -1,
      message: 'User: arn:aws:iam::123456789012:user/dev is not authorized to perform: bedrock:ListFoundationModels because no identity-based policy allows the bedrock:ListFoundationModels action',
    });
    await webview(page).locator('.model-refresh').first().click();
    await webview(page).locator('.model-message', { hasText: 'Could not load the models' }).first().waitFor({ timeout: 30_000 });
    await runCommand(page, 'Bedrock: New Chat');
    const view = webview(page);
    await view.locator('#app:not([aria-busy])').waitFor({ state: 'attached' });
    await view.locator('.model-message', { hasText: 'may not call bedrock:ListFoundationModels' }).first().waitFor({ timeout: 30_000 });
    const input = view.locator('#composer-input');
    await input.fill('Is there a model yet?');
    await input.press('Enter');
    const status = view.locator('.chat-status');
    await status.getByText('Choose a model first.').waitFor();
    assert.equal(await input.inputValue(), 'Is there a model yet?', 'the text stays in the composer');

    await bedrock.clearFaults();
    await view.locator('.model-refresh').first().click();
    await view.locator('#model-select option').first().waitFor({ state: 'attached', timeout: 30_000 });
    await view.locator('.chat-status:empty').waitFor({ state: 'attached' });
    assert.equal(await status.innerText(), '', 'the notice is gone once a model is chosen');
  });

  it('highlights a code block in an answer (highlight.js arrives with the first one)', async () => {
    const { page, bedrock } = session();
    const view = webview(page);
    await bedrock.setReply('Here it is:\n\n```typescript\nconst answer: number = 42;\nexport function ask() { return answer; }\n```\n');
    await sendMessage(view.locator('#panel-chat'), 'Show me some TypeScript');
    const code = view.locator('.turn-assistant').last().locator('pre code');
    await code.locator('.hljs-keyword', { hasText: 'const' }).waitFor({ timeout: 30_000 });
    assert.match(await code.innerText(), /const answer: number = 42;/);
    await session().screenshot('highlighted-code');
  });
});
