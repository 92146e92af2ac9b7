import * as vscode from 'vscode';
import { credentialSource } from '../bedrock/clients';
import { isAwsHost } from '../bedrock/layerErrors';
import { connectionSettings, onConfigChange } from '../core/config';
import { allowApiKeyHost, onDidChangeSecrets } from '../core/secretKeys';
import { log } from '../core/log';

// A Bedrock API key goes only to AWS hosts unless the user says otherwise, once per host: an
// endpoint override outside AWS (a gateway, a proxying service) gets the key only after a modal
// "Send" (remembered in global state). Until then the Bedrock layer refuses to build clients for
// it (ApiKeyHostNotAllowedError), so nothing is sent.

/** Hosts already asked about in this window and refused: not asked again until the next window. */
const refused = new Set<string>();

/** The endpoint host outside AWS that would receive the API key without consent, if any. */
export function hostNeedingConsent(): string | undefined {
  const c = connectionSettings();
  if (!c.endpoint || credentialSource(c).kind !== 'bearerToken') return undefined;
  let host: string;
  try {
    host = new URL(c.endpoint).hostname.toLowerCase();
  } catch {
    return undefined; // a malformed endpoint is reported by the Bedrock layer
  }
  if (isAwsHost(host) || (c.apiKeyHosts ?? []).includes(host)) return undefined;
  return host;
}

/**
 * Asks whether the API key may go to the endpoint's host (a modal); `force` asks again after a
 * refusal. Answers whether it may.
 */
export async function askApiKeyConsent(force = false): Promise<boolean> {
  const host = hostNeedingConsent();
  if (!host) return true;
  if (refused.has(host) && !force) return false;
  const send = 'Send the API Key';
  const choice = await vscode.window.showWarningMessage(
    `Send your Bedrock API key to ${host}?`,
    {
      modal: true,
      detail: `The bedrock.endpoint setting points at ${host}, which is not an AWS host. Your API key would be sent to it with every request. Allow this only if you run or trust that endpoint. The answer is remembered for ${host}.`,
    },
    send,
  );
  if (choice !== send) {
    refused.add(host);
    log().warn(`The Bedrock API key is not sent to ${host}: the user did not allow it.`);
    return false;
  }
  refused.delete(host);
  await allowApiKeyHost(host);
  log().info(`The Bedrock API key may be sent to ${host} (allowed by the user).`);
  return true;
}

export function registerApiKeyConsent(context: vscode.ExtensionContext): void {
  const check = () => { if (hostNeedingConsent()) void askApiKeyConsent(); };
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrock.allowApiKeyHost', () => askApiKeyConsent(true)),
    onConfigChange((e) => { if (e.affectsConfiguration('bedrock.endpoint')) check(); }),
    onDidChangeSecrets(check),
  );
}
