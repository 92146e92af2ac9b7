import * as vscode from 'vscode';
import type { BedrockErrorInfo, Catalog, ConnectionSettings, ModelRecord } from '../bedrock/types';
import { onConfigChange } from '../core/config';
import { setConnectionProblem } from '../account/statusBar';
import { log } from '../core/log';
import { bedrock } from '../core/services';
import { buildCatalogView, isFiltered, MODALITY_LABELS, NO_FILTER, type CatalogView, type GroupBy, type ModelFilter } from './catalogView';
import { stateForError, stateMessage, type ExplorerState } from './explorerState';

export const VIEW_ID = 'bedrock.models';

function connectionKey(c: ConnectionSettings): string {
  return JSON.stringify([c.region, c.profile ?? '', c.endpoint ?? '', c.controlEndpoint ?? '']);
}

/**
 * The model explorer's state: the catalog of the current connection, how it is grouped and
 * filtered, and what went wrong loading it. It reloads when the region, profile or endpoint
 * changes, and publishes context keys for the view's welcome content and title buttons.
 */
export class ModelExplorer implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  private catalogValue: Catalog | undefined;
  private stateValue: ExplorerState = 'loading';
  private errorInfo: BedrockErrorInfo | undefined;
  private loadedKey: string | undefined;
  private loading: { controller: AbortController; key: string; promise: Promise<void> } | undefined;
  private filterValue: ModelFilter = NO_FILTER;
  private groupByValue: GroupBy;

  constructor(private readonly memento: vscode.Memento) {
    this.groupByValue = memento.get<GroupBy>('bedrock.models.groupBy') === 'modality' ? 'modality' : 'provider';
    this.subscriptions.push(
      // After the service has seen the change (it registered first), reload if the connection moved.
      onConfigChange((e) => {
        if (e.affectsConfiguration('bedrock.region') || e.affectsConfiguration('bedrock.profile') || e.affectsConfiguration('bedrock.endpoint')) {
          setTimeout(() => this.connectionMaybeChanged(), 0);
        }
      }),
      bedrock().onDidChangeConnection(() => this.connectionMaybeChanged()),
    );
    void this.publishContext();
  }

  get state(): ExplorerState { return this.stateValue; }
  get catalog(): Catalog | undefined { return this.catalogValue; }
  get error(): BedrockErrorInfo | undefined { return this.errorInfo; }
  get filter(): ModelFilter { return this.filterValue; }
  get groupBy(): GroupBy { return this.groupByValue; }

  view(): CatalogView | undefined {
    return this.catalogValue ? buildCatalogView(this.catalogValue, this.groupByValue, this.filterValue) : undefined;
  }

  findModel(id: string): ModelRecord | undefined {
    return this.catalogValue?.models.find((m) => m.id === id);
  }

  /** Starts a load unless one for this connection is running or done; resolves when the latest load ends. */
  async ensureLoaded(): Promise<void> {
    for (;;) {
      const key = connectionKey(bedrock().connection);
      const running = this.loading;
      if (running && running.key === key) {
        await running.promise;
      } else if (running || this.loadedKey !== key) {
        await this.load(false);
      }
      // A newer load may have started meanwhile (the connection changed again): wait for it too.
      if (!this.loading && this.loadedKey === connectionKey(bedrock().connection)) return;
    }
  }

  /** Reloads from Bedrock (Refresh), dropping the cached catalog. */
  refresh(): Promise<void> {
    return this.load(true);
  }

  private connectionMaybeChanged(): void {
    const key = connectionKey(bedrock().connection);
    if (key !== (this.loading?.key ?? this.loadedKey)) void this.load(false);
  }

  private load(refresh: boolean): Promise<void> {
    this.loading?.controller.abort();
    const controller = new AbortController();
    const connection = bedrock().connection;
    const key = connectionKey(connection);
    const work = async (): Promise<void> => {
      const started = Date.now();
      try {
        const catalog = await bedrock().catalog({ refresh, signal: controller.signal });
        if (controller.signal.aborted) return;
        this.catalogValue = catalog;
        this.loadedKey = key;
        log().info(`Model explorer: ${catalog.models.length} models, ${catalog.profiles.length} inference profiles from ${connection.local ? 'the local endpoint' : connection.region} in ${Date.now() - started} ms`);
        this.setState(catalog.models.length ? 'ready' : 'empty', undefined);
      } catch (err) {
        if (controller.signal.aborted) return;
        const info = bedrock().describeError(err);
        this.catalogValue = undefined;
        this.loadedKey = key;
        log().warn(`Model explorer could not load the catalog: ${info.message} (${info.kind}) ${info.detail}`);
        this.setState(stateForError(info, connection), info);
      } finally {
        if (this.loading?.controller === controller) this.loading = undefined;
      }
    };
    // Registered before any state change, so a tree refresh during the load joins this load.
    const promise = work();
    this.loading = { controller, key, promise };
    this.setState('loading', undefined);
    void vscode.window.withProgress({ location: { viewId: VIEW_ID } }, () => promise);
    return promise;
  }

  setFilter(filter: ModelFilter): void {
    this.filterValue = { text: filter.text.trim(), modalities: [...filter.modalities] };
    void this.publishContext();
    this.changed.fire();
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupByValue = groupBy;
    void this.memento.update('bedrock.models.groupBy', groupBy);
    void this.publishContext();
    this.changed.fire();
  }

  /** The view's description line: what the filter hides. */
  describeFilter(): string | undefined {
    if (!isFiltered(this.filterValue)) return undefined;
    const parts: string[] = [];
    if (this.filterValue.text) parts.push(`"${this.filterValue.text}"`);
    if (this.filterValue.modalities.length) parts.push(this.filterValue.modalities.map((m) => MODALITY_LABELS[m]).join(', '));
    const view = this.view();
    const counts = view ? ` — ${view.shownModels} of ${view.totalModels}` : '';
    return `Filter: ${parts.join(' · ')}${counts}`;
  }

  message(): string | undefined {
    return stateMessage(this.stateValue, bedrock().connection, this.errorInfo);
  }

  private setState(state: ExplorerState, info: BedrockErrorInfo | undefined): void {
    this.stateValue = state;
    this.errorInfo = info;
    // The status bar warns too: the view may be closed.
    if (state !== 'loading') setConnectionProblem(state === 'noCredentials' || state === 'ssoExpired' ? info?.message : undefined);
    void this.publishContext();
    this.changed.fire();
  }

  private async publishContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'bedrock.models.state', this.stateValue);
    await vscode.commands.executeCommand('setContext', 'bedrock.models.groupBy', this.groupByValue);
    await vscode.commands.executeCommand('setContext', 'bedrock.models.filtered', isFiltered(this.filterValue));
  }

  dispose(): void {
    this.loading?.controller.abort();
    this.subscriptions.forEach((s) => s.dispose());
  }
}
