// The cosine-similarity heatmap: one canvas cell per pair of texts, coloured by similarity
// (theme's blue for similar, red for opposite), the value of the cell under the pointer shown in
// a tooltip and in a live readout (keyboard: arrow keys move a focus cell).
import { h } from '../dom';

export interface HeatmapData { labels: string[]; matrix: (number | null)[][] }

function themeColor(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

const HINT = 'Point at a cell (or focus the map and use the arrow keys) to see the similarity of its two texts.';

/** Largest cell side in CSS pixels. */
const MAX_CELL = 56;

export function formatSimilarity(v: number | null): string {
  return v === null ? 'refused' : v.toFixed(3);
}

export class Heatmap {
  readonly element: HTMLElement;
  private readonly canvas = h('canvas', { class: 'emb-heatmap-canvas', tabindex: 0, role: 'img', 'aria-label': 'Cosine similarity of every pair of texts' });
  private readonly tip = h('div', { class: 'emb-heatmap-tip', hidden: true });
  private readonly readout = h('div', { class: 'emb-heatmap-readout', role: 'status', 'aria-live': 'polite' }, HINT);
  private data: HeatmapData = { labels: [], matrix: [] };
  private cell = 0;
  /** Room for the row numbers (left) and column numbers (top). */
  private left = 0;
  private top = 0;
  private focus: [number, number] = [0, 0];

  constructor() {
    const wrap = h('div', { class: 'emb-heatmap-wrap' }, this.canvas, this.tip);
    this.element = h('div', { class: 'emb-heatmap' }, wrap, this.readout);
    this.canvas.addEventListener('mousemove', (e) => {
      const rect = this.canvas.getBoundingClientRect();
      const i = Math.floor((e.clientY - rect.top - this.top) / this.cell);
      const j = Math.floor((e.clientX - rect.left - this.left) / this.cell);
      this.show(i, j, e.clientX - rect.left, e.clientY - rect.top);
    });
    this.canvas.addEventListener('mouseleave', () => { this.tip.hidden = true; });
    this.canvas.addEventListener('keydown', (e) => {
      const n = this.data.labels.length;
      const d: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
      const step = d[e.key];
      if (!step || n === 0) return;
      e.preventDefault();
      this.focus = [Math.min(n - 1, Math.max(0, this.focus[0] + step[0])), Math.min(n - 1, Math.max(0, this.focus[1] + step[1]))];
      this.show(this.focus[0], this.focus[1], this.left + (this.focus[1] + 0.5) * this.cell, this.top + (this.focus[0] + 0.5) * this.cell);
    });
  }

  /** The text of the readout for cell (i, j). */
  describe(i: number, j: number): string {
    const v = this.data.matrix[i]?.[j] ?? null;
    return `#${i + 1} “${this.data.labels[i]}” × #${j + 1} “${this.data.labels[j]}”: ${formatSimilarity(v)}`;
  }

  private show(i: number, j: number, x: number, y: number): void {
    const n = this.data.labels.length;
    if (i < 0 || j < 0 || i >= n || j >= n) { this.tip.hidden = true; return; }
    const v = this.data.matrix[i]?.[j] ?? null;
    this.tip.textContent = `${formatSimilarity(v)}  (#${i + 1} × #${j + 1})`;
    this.tip.hidden = false;
    this.tip.style.left = `${Math.round(x + 12)}px`;
    this.tip.style.top = `${Math.round(y + 12)}px`;
    this.readout.textContent = this.describe(i, j);
  }

  setData(data: HeatmapData): void {
    this.data = data;
    this.focus = [0, 0];
    this.tip.hidden = true;
    this.readout.textContent = HINT;
    this.draw();
  }

  draw(): void {
    const n = this.data.labels.length;
    const labelled = n <= 60;
    this.left = labelled ? 8 + 7 * String(n).length : 0;
    this.top = labelled ? 18 : 0;
    const width = Math.max(120, Math.min(this.element.clientWidth || 480, 640)) - this.left;
    // Cells stay small enough that a few texts do not fill the screen, large enough to point at.
    this.cell = n ? Math.max(4, Math.min(MAX_CELL, Math.floor(width / n))) : 0;
    const size = this.cell * n;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = (size + this.left) * dpr;
    this.canvas.height = (size + this.top) * dpr;
    this.canvas.style.width = `${size + this.left}px`;
    this.canvas.style.height = `${size + this.top}px`;
    // Where the cells start, for anyone pointing at them (the e2e test does).
    this.canvas.dataset.cell = String(this.cell);
    this.canvas.dataset.left = String(this.left);
    this.canvas.dataset.top = String(this.top);
    const g = this.canvas.getContext('2d');
    if (!g || n === 0) return;
    g.scale(dpr, dpr);
    const pos = themeColor('--vscode-charts-blue', '#3794ff');
    const neg = themeColor('--vscode-charts-red', '#f14c4c');
    const empty = themeColor('--vscode-editorWidget-background', '#252526');
    const fg = themeColor('--vscode-editor-foreground', '#cccccc');
    const bg = themeColor('--vscode-editor-background', '#1e1e1e');
    const muted = themeColor('--vscode-descriptionForeground', '#999999');
    g.fillStyle = bg;
    g.fillRect(0, 0, size + this.left, size + this.top);
    const font = themeColor('--vscode-font-family', 'sans-serif');
    if (labelled) {
      g.fillStyle = muted;
      g.font = `11px ${font}`;
      g.textAlign = 'center';
      g.textBaseline = 'middle';
      for (let k = 0; k < n; k++) {
        if (this.cell >= 14 || k % 5 === 4) {
          g.fillText(String(k + 1), this.left + (k + 0.5) * this.cell, this.top / 2);
          g.textAlign = 'right';
          g.fillText(String(k + 1), this.left - 4, this.top + (k + 0.5) * this.cell);
          g.textAlign = 'center';
        }
      }
    }
    g.font = `${Math.min(12, Math.floor(this.cell / 3.2))}px ${font}`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = this.data.matrix[i]?.[j] ?? null;
        const x = this.left + j * this.cell;
        const y = this.top + i * this.cell;
        if (v === null) {
          // A refused text: an empty cell crossed out, so it does not read as "no similarity".
          g.fillStyle = empty;
          g.fillRect(x, y, this.cell - 1, this.cell - 1);
          g.strokeStyle = muted;
          g.globalAlpha = 0.5;
          g.beginPath();
          g.moveTo(x + 2, y + this.cell - 3);
          g.lineTo(x + this.cell - 3, y + 2);
          g.stroke();
          g.globalAlpha = 1;
          continue;
        }
        g.globalAlpha = 0.12 + 0.88 * Math.min(1, Math.abs(v));
        g.fillStyle = v >= 0 ? pos : neg;
        g.fillRect(x, y, this.cell - 1, this.cell - 1);
        g.globalAlpha = 1;
        // Values are written in the cells when they fit; the tooltip always has them.
        if (this.cell >= 34) {
          g.fillStyle = Math.abs(v) > 0.55 ? '#ffffff' : fg;
          g.fillText(v.toFixed(2), x + this.cell / 2, y + this.cell / 2);
        }
      }
    }
  }
}
