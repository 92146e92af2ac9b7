// One playground editor tab: its webview (static page, strict CSP, narrow resource roots), the
// protocol router every contribution registers into, and the "hold until ready" queue.

import * as vscode from 'vscode';
import { log } from '../core/log';
import { playgroundContributions, type PlaygroundContext } from './contributions';
import { fillTemplate } from './html';
import type { HostToWebview } from '../protocol/envelope';
import type { Notify } from '../protocol/methods';
import { HostRouter } from './router';

export const PLAYGROUND_VIEW_TYPE = 'bedrock.playground';

/** Messages queued while the webview is not ready; chunks are not queued (the owner re-sends state on ready). */
const MAX_QUEUED = 1000;

let templateCache: string | undefined;

async function readTemplate(extensionUri: vscode.Uri): Promise<string> {
  templateCache ??= new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'playground.html')));
  return templateCache;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export class PlaygroundPanel implements PlaygroundContext {
  readonly router: HostRouter;
  private ready = false;
  private queue: HostToWebview[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeListeners = new Set<() => void>();
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly panelId: string,
    readonly extension: vscode.ExtensionContext,
    private readonly firstTab = 'chat',
  ) {
    panel.iconPath = vscode.Uri.joinPath(extension.extensionUri, 'media', 'bedrock.svg');
    panel.webview.options = webviewOptions(extension.extensionUri);
    this.router = new HostRouter((m) => this.post(m), log());
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      // A hidden webview (no retainContextWhenHidden) is unloaded; it says `ready` again when shown.
      panel.onDidChangeViewState((e) => { if (!e.webviewPanel.visible) this.ready = false; }),
    );
    for (const contribute of playgroundContributions()) {
      try {
        const d = contribute(this);
        if (d) this.disposables.push(d);
      } catch (err) {
        log().error('A playground contribution failed to start', err);
      }
    }
  }

  get isReady(): boolean {
    return this.ready && !this.disposed;
  }

  /** Loads the page. Separate from the constructor so the contributions are registered before `ready` can arrive. */
  async load(): Promise<void> {
    const webview = this.panel.webview;
    const root = this.extension.extensionUri;
    webview.html = fillTemplate(await readTemplate(root), {
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', 'playground.css')).toString(),
      boot: { panelId: this.panelId, tab: this.firstTab },
    });
  }

  /** Sends an event (a property, so it can be handed on as it is). */
  readonly notify: Notify = (e, params) => {
    this.post({ type: 'notify', method: e.method, params });
  };

  onDidDispose(listener: () => void): vscode.Disposable {
    this.disposeListeners.add(listener);
    return { dispose: () => this.disposeListeners.delete(listener) };
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  private post(message: HostToWebview): void {
    if (this.disposed) return;
    if (!this.ready) {
      if (message.type !== 'chunk' && this.queue.length < MAX_QUEUED) this.queue.push(message);
      return;
    }
    void this.panel.webview.postMessage(message).then(undefined, (err: unknown) => log().warn(`Playground: postMessage failed: ${String(err)}`));
  }

  private receive(message: unknown): void {
    if (typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready') {
      // A fresh document: deliver what was held, then let the contributions send their full state
      // (which supersedes anything held, so it must come last).
      this.ready = true;
      const queued = this.queue;
      this.queue = [];
      for (const m of queued) this.post(m);
      this.router.handle(message);
      return;
    }
    this.router.handle(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.router.dispose();
    for (const l of [...this.disposeListeners]) {
      try { l(); } catch (err) { log().error('Playground dispose listener failed', err); }
    }
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }
}
