// The playground's Images tab: the form on one side, the history of generations on the other.
// Talks to the host only through the `images/...` methods of src/protocol/images.ts.

import type { BedrockErrorInfo } from '../../src/protocol/bedrockTypes';
import {
  type GenerateResult, type ImageSettings, ImagesEvents, ImagesNotifications, ImagesRequests,
} from '../../src/protocol/images';
import { h } from '../dom';
import type { HostConnection } from '../host';
import { linkTabStylesheet } from '../stylesheet';
import type { TabContribution, TabContext } from '../tabs';
import { ImagesForm } from './imagesForm';
import { ImagesResults } from './imagesResults';

/** How long to wait after the last keystroke before the form is saved on the host. */
const SAVE_DELAY_MS = 400;

function mountImages(container: HTMLElement, ctx: TabContext): ImagesForm {
  const host: HostConnection = ctx.host;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let running: { token: string; started: number; timer: ReturnType<typeof setInterval> } | undefined;
  let tokenCounter = 0;
  /** The token of a run started by an earlier page (see the state handler). */
  let adopted: string | undefined;

  const form = new ImagesForm({
    onChange(settings) {
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => host.notify(ImagesNotifications.setSettings, { settings }), SAVE_DELAY_MS);
    },
    onGenerate: (settings) => void generate(settings),
    onCancel() {
      if (!running) return;
      host.notify(ImagesNotifications.cancel, { token: running.token });
      form.setStatus('Cancelling…');
    },
    onRefreshModels: () => void host.request(ImagesRequests.refreshModels, { refresh: true }),
  });

  const results = new ImagesResults({
    open: (g, image) => void host.request(ImagesRequests.open, { generationId: g.id, index: image.index }).catch(showFailure),
    save: (g, image) => host.request(ImagesRequests.save, { generationId: g.id, index: image.index }),
    copySeed(seed) {
      void host.request(ImagesRequests.copySeed, { seed }).then(() => form.setStatus(`Seed ${seed} copied.`), showFailure);
    },
    reuse(g, image) {
      form.setSettings({ ...g.settings, seed: image.seed });
      const s = form.current;
      if (s) host.notify(ImagesNotifications.setSettings, { settings: s });
      form.setStatus(`Settings of seed ${image.seed} restored.`);
      form.focus();
    },
    openRequest: (g) => void host.request(ImagesRequests.openRequest, { generationId: g.id }).catch(showFailure),
    remove(g) {
      results.remove(g.id);
      void host.request(ImagesRequests.remove, { generationId: g.id }).catch(showFailure);
    },
    clear() {
      results.setHistory([]);
      void host.request(ImagesRequests.clearHistory, {}).catch(showFailure);
    },
  });

  function showFailure(err: unknown): void {
    form.showError({ kind: 'unknown', message: err instanceof Error ? err.message : String(err), detail: '', retryable: false });
  }

  function runAction(): void {
    void host.request(ImagesRequests.runErrorAction, {}).then((r) => {
      const s = form.current;
      if (r.retry && s) void generate(s);
    }, showFailure);
  }

  function finish(text: string, error?: BedrockErrorInfo): void {
    if (running) clearInterval(running.timer);
    running = undefined;
    form.setBusy(false, text);
    form.showError(error, runAction);
  }

  function ended(result: GenerateResult): void {
    if ('error' in result) {
      const cancelled = result.error.kind === 'cancelled';
      finish(cancelled ? 'Cancelled. Nothing was generated.' : '', cancelled ? undefined : result.error);
      return;
    }
    results.upsert(result.generation);
    const n = result.generation.images.length;
    finish(`${n} image${n === 1 ? '' : 's'} in ${(result.generation.durationMs / 1000).toFixed(1)} s.`);
  }

  async function generate(settings: ImageSettings): Promise<void> {
    if (running) return;
    const token = `g${Date.now().toString(36)}-${++tokenCounter}`;
    const started = Date.now();
    const what = settings.count > 1 ? `${settings.count} images` : 'an image';
    const tick = () => form.setStatus(`Generating ${what}… ${((Date.now() - started) / 1000).toFixed(0)} s`);
    running = { token, started, timer: setInterval(tick, 1000) };
    form.showError(undefined);
    form.setBusy(true, `Generating ${what}…`);
    try {
      ended(await host.request(ImagesRequests.generate, { settings, token }));
    } catch (err) {
      finish('');
      showFailure(err);
    }
  }

  host.on(ImagesEvents.state, (state) => {
    results.setHistory(state.history);
    if (state.settings) form.setSettings(state.settings);
    // A generation started before this page was (re)loaded: show it running, and let Cancel reach it.
    if (state.running && !running) {
      const { token, startedAt, count } = state.running;
      const what = count > 1 ? `${count} images` : 'an image';
      running = { token, started: startedAt, timer: setInterval(() => form.setStatus(`Generating ${what}… ${((Date.now() - startedAt) / 1000).toFixed(0)} s`), 1000) };
      adopted = token;
      form.setBusy(true, `Generating ${what}…`);
    }
  });
  host.on(ImagesEvents.ended, ({ token, result }) => {
    // Only for a run this page adopted; its own runs end with their request's answer.
    if (token !== adopted) return;
    adopted = undefined;
    ended(result);
  });
  host.on(ImagesEvents.models, (view) => form.setModels(view));
  host.on(ImagesEvents.show, (p) => {
    // The tab bar's own button (tabs.ts gives it this id), so the tab bar stays the one place that switches tabs.
    document.getElementById('tab-images')?.click();
    if (p.modelId) form.preferModel(p.modelId);
    form.focus();
  });
  host.on(ImagesEvents.generation, (e) => results.upsert(e.generation));

  container.appendChild(h('div', { class: 'images-tab' }, form.element, results.element));
  return form;
}

let mounted: ImagesForm | undefined;

export const imagesTab: TabContribution = {
  id: 'images',
  title: 'Images',
  mount(container, ctx) {
    linkTabStylesheet('images.css');
    mounted = mountImages(container, ctx);
  },
  shown() {
    mounted?.focus();
  },
};
