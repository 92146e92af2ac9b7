import * as vscode from 'vscode';
import { ApiKey } from '../bedrock/apiKey';
import { log } from './log';

// The Bedrock API key kept in VS Code's SecretStorage (the OS keychain), and the hosts outside AWS
// the user agreed may receive it. Both are held in memory for connectionSettings(), which is
// synchronous, and re-read when another window changes them. The key is never logged.

/** SecretStorage key of the API key. */
export const API_KEY_SECRET = 'bedrock.apiKey';
/** Global state key of the host names outside AWS that may receive the API key. */
export const API_KEY_HOSTS_KEY = 'bedrock.apiKeyHosts';

let context: vscode.ExtensionContext | undefined;
let key: ApiKey | undefined;
const changed = new vscode.EventEmitter<void>();

/** Fires when the stored API key or the allowed hosts change (after they are in memory). */
export const onDidChangeSecrets = changed.event;

/** The stored API key, when one is stored and loaded. */
export function storedApiKey(): ApiKey | undefined {
  return key;
}

/** Host names outside AWS the user allowed to receive the API key. */
export function allowedApiKeyHosts(): string[] {
  const v = context?.globalState.get<unknown>(API_KEY_HOSTS_KEY, []);
  return Array.isArray(v) ? v.filter((h): h is string => typeof h === 'string') : [];
}

export async function storeApiKey(value: string): Promise<void> {
  const next = new ApiKey(value); // throws on a value that cannot be a key, before anything is stored
  await requireContext().secrets.store(API_KEY_SECRET, next.reveal());
  key = next;
  changed.fire();
}

export async function deleteApiKey(): Promise<void> {
  await requireContext().secrets.delete(API_KEY_SECRET);
  key = undefined;
  changed.fire();
}

export async function allowApiKeyHost(host: string): Promise<void> {
  const hosts = allowedApiKeyHosts();
  if (!hosts.includes(host)) await requireContext().globalState.update(API_KEY_HOSTS_KEY, [...hosts, host]);
  changed.fire();
}

async function load(): Promise<void> {
  const value = await requireContext().secrets.get(API_KEY_SECRET);
  try {
    key = value ? new ApiKey(value) : undefined;
  } catch {
    key = undefined;
    log().warn('The stored Bedrock API key is not a valid key and is ignored; set it again with "Bedrock: Set API Key".');
  }
  changed.fire();
}

function requireContext(): vscode.ExtensionContext {
  if (!context) throw new Error('The secret store is not ready yet.');
  return context;
}

/** Loads the stored key and follows changes made by other windows. */
export function registerSecrets(ctx: vscode.ExtensionContext): void {
  context = ctx;
  const reload = () => load().catch((err: unknown) => log().error('Could not read the Bedrock API key from the secret storage', err));
  void reload();
  ctx.subscriptions.push(
    changed,
    ctx.secrets.onDidChange((e) => { if (e.key === API_KEY_SECRET) void reload(); }),
  );
}
