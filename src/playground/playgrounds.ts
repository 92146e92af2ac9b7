// Every open playground panel: "Bedrock: Chat" focuses the open one (or reopens the last
// conversation), "Bedrock: New Chat" opens another, and after a window reload the serializer
// brings each panel back with its own conversation.

import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { log } from '../core/log';
import { bedrock } from '../core/services';
import { PLAYGROUND_VIEW_TYPE, PlaygroundPanel, webviewOptions } from './panel';
import { isPanelId, restoredPanelId } from './panelIds';

export const LAST_PANEL_KEY = 'bedrock.playground.lastPanelId';
/**
 * The conversations of the panels open in this workspace, kept across reloads: at activation
 * the restored panels come back only after the Chats clean-up has started, and it must not
 * delete a chat a panel is about to restore.
 */
export const OPEN_PANELS_KEY = 'bedrock.playground.openPanelIds';

/** How long a closed panel stays in the record (see forgetClosed). */
const FORGET_CLOSED_AFTER_MS = 5_000;

export interface OpenOptions {
  /** Model to select in the panel's chat (from the model tree's "Chat with this model"). */
  modelId?: string;
  /** A message to send at once, as if typed. */
  prompt?: string;
}

type Listener = (panel: PlaygroundPanel, options: OpenOptions) => void;

export class Playgrounds implements vscode.Disposable {
  private readonly panels = new Map<string, PlaygroundPanel>();
  private lastActive: PlaygroundPanel | undefined;
  private readonly openListeners = new Set<Listener>();
  /** Set while the extension stops: its panels close then, but VS Code restores them later. */
  private stopping = false;
  private forgetTimer: NodeJS.Timeout | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Called after a panel is created or shown with options (the chat selects the model). */
  onDidOpen(listener: Listener): vscode.Disposable {
    this.openListeners.add(listener);
    return { dispose: () => this.openListeners.delete(listener) };
  }

  /** The playground the user was last in. */
  get active(): PlaygroundPanel | undefined {
    return this.lastActive ?? this.all[this.all.length - 1];
  }

  /** The open panel on this conversation, if any. */
  find(panelId: string): PlaygroundPanel | undefined {
    return this.panels.get(panelId);
  }

  get all(): readonly PlaygroundPanel[] {
    return [...this.panels.values()];
  }

  /** Focuses the most recently active playground, or opens one on the last conversation. */
  async show(options: OpenOptions = {}): Promise<PlaygroundPanel> {
    const existing = this.lastActive ?? this.all[this.all.length - 1];
    if (existing) {
      existing.reveal();
      this.fire(existing, options);
      return existing;
    }
    const last = this.context.workspaceState.get<string>(LAST_PANEL_KEY);
    return this.create(isPanelId(last) ? last : randomUUID(), options);
  }

  /** Opens a new playground with an empty conversation. */
  async createNew(options: OpenOptions = {}): Promise<PlaygroundPanel> {
    return this.create(randomUUID(), options);
  }

  /** Opens a new playground on a conversation saved under `panelId` beforehand (Compare's "Continue with this model", the Chats view). */
  async openSaved(panelId: string): Promise<PlaygroundPanel> {
    return this.create(isPanelId(panelId) ? panelId : randomUUID(), {});
  }

  private async create(panelId: string, options: OpenOptions): Promise<PlaygroundPanel> {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const webviewPanel = vscode.window.createWebviewPanel(PLAYGROUND_VIEW_TYPE, 'Bedrock Chat', { viewColumn: column, preserveFocus: false }, {
      ...webviewOptions(this.context.extensionUri),
      enableFindWidget: true,
    });
    return this.adopt(webviewPanel, panelId, options);
  }

  /** Restores a panel VS Code kept across a reload; `state` is what its webview saved. */
  async restore(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const last = this.context.workspaceState.get<unknown>(LAST_PANEL_KEY);
    const { id, from } = restoredPanelId(state, last, new Set(this.panels.keys()), randomUUID);
    if (from === 'state') log().info(`Restoring playground ${id}`);
    else if (from === 'lastPanel') log().warn(`Restoring playground ${id}: the webview saved no id, so it gets the last active panel's`);
    else log().warn(`Restoring playground as ${id}: no usable saved id (webview state: ${JSON.stringify(state)?.slice(0, 200) ?? 'none'})`);
    await this.adopt(webviewPanel, id, {});
  }

  private async adopt(webviewPanel: vscode.WebviewPanel, panelId: string, options: OpenOptions): Promise<PlaygroundPanel> {
    // Two panels on one conversation would overwrite each other's saves: a clash gets a fresh id.
    const id = this.panels.has(panelId) ? randomUUID() : panelId;
    const panel = new PlaygroundPanel(webviewPanel, id, this.context);
    this.panels.set(id, panel);
    this.lastActive = panel;
    void this.context.workspaceState.update(LAST_PANEL_KEY, id);
    this.recordOpen();
    panel.onDidDispose(() => {
      this.panels.delete(id);
      if (this.lastActive === panel) this.lastActive = undefined;
      this.forgetClosed();
    });
    webviewPanel.onDidChangeViewState((e) => {
      if (e.webviewPanel.active) {
        this.lastActive = panel;
        void this.context.workspaceState.update(LAST_PANEL_KEY, id);
      }
    });
    this.fire(panel, options);
    await panel.load();
    // The page is on its way: the SDK loads while the webview starts (its first request is the models list).
    setImmediate(() => void bedrock().prepare().catch((err: unknown) => log().warn(`Loading the AWS SDK failed: ${err instanceof Error ? err.message : String(err)}`)));
    return panel;
  }

  private fire(panel: PlaygroundPanel, options: OpenOptions): void {
    for (const l of [...this.openListeners]) {
      try { l(panel, options); } catch (err) { log().error('Playground open listener failed', err); }
    }
  }

  /** Conversations that panels of this workspace are on, or will be once VS Code restores them. */
  openConversationIds(): Set<string> {
    const recorded = this.context.workspaceState.get<unknown>(OPEN_PANELS_KEY);
    const ids = Array.isArray(recorded) ? recorded.filter(isPanelId) : [];
    const last = this.context.workspaceState.get<unknown>(LAST_PANEL_KEY);
    if (isPanelId(last)) ids.push(last);
    return new Set([...ids, ...this.panels.keys()]);
  }

  private recordOpen(): void {
    void this.context.workspaceState.update(OPEN_PANELS_KEY, [...this.panels.keys()]);
  }

  /**
   * A closed panel leaves the record a little later, not at once: when the window reloads or
   * closes, VS Code may dispose the panels before it stops the extension, and a record written
   * then would forget the panels it is about to restore. By the time this runs, a closing
   * window's storage no longer takes writes; a panel the user closed is forgotten.
   */
  private forgetClosed(): void {
    if (this.stopping) return;
    clearTimeout(this.forgetTimer);
    this.forgetTimer = setTimeout(() => {
      this.forgetTimer = undefined;
      if (!this.stopping) this.recordOpen();
    }, FORGET_CLOSED_AFTER_MS);
  }

  dispose(): void {
    this.stopping = true;
    clearTimeout(this.forgetTimer);
    for (const p of this.all) p.dispose();
  }
}

let instance: Playgrounds | undefined;

/** The extension's playgrounds; created by registerPlaygrounds. */
export function playgrounds(): Playgrounds {
  if (!instance) throw new Error('Playgrounds are not registered');
  return instance;
}

export function registerPlaygrounds(context: vscode.ExtensionContext): void {
  instance = new Playgrounds(context);
  context.subscriptions.push(
    instance,
    vscode.window.registerWebviewPanelSerializer(PLAYGROUND_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => instance!.restore(panel, state),
    }),
  );
}
