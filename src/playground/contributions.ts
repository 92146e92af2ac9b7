// How features plug into every playground panel. The chat tab is one contribution; the Images tab
// registers another from its own feature (src/features.ts) with `registerPlaygroundContribution`.
// Each contribution runs once per panel, when the panel is created or restored, and registers its
// methods into the panel's router.

import type * as vscode from 'vscode';
import type { Notify } from '../protocol/methods';
import type { HostRouter } from './router';

export interface PlaygroundContext {
  /** Stable across reloads; also the id of the panel's conversation. */
  readonly panelId: string;
  readonly panel: vscode.WebviewPanel;
  readonly extension: vscode.ExtensionContext;
  /** Register the handlers of the tab's methods here (the chat tab's `ChatRequests...`, images' `ImagesRequests...`). */
  readonly router: HostRouter;
  /** Sends an event (`ChatEvents.turn`...); held until the webview is ready (dropped chunks are the stream owner's business). */
  readonly notify: Notify;
  /** True while the webview document is loaded and has said `ready`. */
  readonly isReady: boolean;
}

export type PlaygroundContribution = (ctx: PlaygroundContext) => vscode.Disposable | undefined;

const registry: PlaygroundContribution[] = [];

/** Adds a contribution to every playground panel created from now on. */
export function registerPlaygroundContribution(contribution: PlaygroundContribution): vscode.Disposable {
  registry.push(contribution);
  return { dispose: () => { const i = registry.indexOf(contribution); if (i >= 0) registry.splice(i, 1); } };
}

export function playgroundContributions(): readonly PlaygroundContribution[] {
  return registry;
}
