// Runs a callback once an element comes near the visible part of a scrolling container. Restoring
// a long conversation then renders the markdown of the answers on screen, not of all of them.
//
// The callbacks do not run inside the observer's callback: a fast scroll brings several answers
// near in one frame, and rendering them all there made 50–120 ms frames (traced while scrolling a
// 1,000-turn chat to its top: the observer's callbacks were a quarter of the main thread's time).
// They run once the scrolling pauses (a fast scroll through a long chat shows the answers' plain
// text meanwhile, about as tall), in tasks of their own, a few milliseconds' worth per task, the
// ones on screen first; one that has scrolled away again before its turn waits until it comes
// near again.

const MARGIN_PX = 1200; // about a screen above and below: rendered before it is scrolled into view
/** Work per task before yielding to the frame (input, scrolling, painting). */
const BUDGET_MS = 6;
/** The scrolling has paused when no scroll event came for this long. */
const SETTLE_MS = 120;

interface RootState {
  root: Element;
  near: IntersectionObserver;
  pending: Map<Element, () => void>;
  /**
   * Near the viewport now → where it is in the scrolled content (as the observer last saw it). One
   * observer, not a second for "on screen": each costs a pass over every observed turn.
   */
  ready: Map<Element, { top: number; bottom: number }>;
  scheduled: boolean;
  lastScroll: number;
}

const roots = new WeakMap<Element, RootState>();

/** Calls `run` once `el` is within MARGIN_PX of `root`'s visible area. Returns a cancel function. */
export function whenNearViewport(el: Element, root: Element, run: () => void): () => void {
  const state = roots.get(root) ?? watch(root);
  state.pending.set(el, run);
  state.near.observe(el);
  return () => {
    if (state.pending.delete(el)) forget(state, el);
  };
}

function watch(root: Element): RootState {
  const state: RootState = {
    root,
    near: new IntersectionObserver((records) => {
      const scrolled = root.scrollTop;
      for (const r of records) {
        const base = (r.rootBounds ? r.rootBounds.top + MARGIN_PX : 0) - scrolled;
        if (r.isIntersecting) state.ready.set(r.target, { top: r.boundingClientRect.top - base, bottom: r.boundingClientRect.bottom - base });
        else state.ready.delete(r.target);
      }
      schedule(state);
    }, { root, rootMargin: `${MARGIN_PX}px 0px` }),
    pending: new Map(),
    ready: new Map(),
    scheduled: false,
    lastScroll: -Infinity,
  };
  root.addEventListener('scroll', () => { state.lastScroll = performance.now(); }, { passive: true });
  roots.set(root, state);
  return state;
}

function forget(state: RootState, el: Element): void {
  state.near.unobserve(el);
  state.ready.delete(el);
}

/** A task of its own (not a timer: no clamping, and it runs as soon as the frame is done). */
function schedule(state: RootState): void {
  if (state.scheduled || state.ready.size === 0) return;
  state.scheduled = true;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    state.scheduled = false;
    runSome(state);
  };
  channel.port2.postMessage(null);
}

function runSome(state: RootState): void {
  const started = performance.now();
  const scrolling = SETTLE_MS - (started - state.lastScroll);
  if (scrolling > 0) {
    // Still scrolling: look again when it may have paused.
    state.scheduled = true;
    setTimeout(() => { state.scheduled = false; runSome(state); }, scrolling);
    return;
  }
  const view = { top: state.root.scrollTop, bottom: state.root.scrollTop + state.root.clientHeight };
  while (state.ready.size > 0 && performance.now() - started < BUDGET_MS) {
    const next = nearest(state.ready, view);
    const run = state.pending.get(next);
    state.pending.delete(next);
    forget(state, next);
    run?.();
  }
  schedule(state);
}

/** The turn closest to the visible part of the content (distance 0: on screen). */
function nearest(ready: Map<Element, { top: number; bottom: number }>, view: { top: number; bottom: number }): Element {
  let best: Element | undefined;
  let bestDistance = Infinity;
  for (const [el, { top, bottom }] of ready) {
    const distance = bottom < view.top ? view.top - bottom : top > view.bottom ? top - view.bottom : 0;
    if (distance < bestDistance) {
      best = el;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best!;
}
