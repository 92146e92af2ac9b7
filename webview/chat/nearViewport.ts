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

const MARGIN = '1200px 0px'; // about a screen above and below: rendered before it is scrolled into view
/** Work per task before yielding to the frame (input, scrolling, painting). */
const BUDGET_MS = 6;
/** The scrolling has paused when no scroll event came for this long. */
const SETTLE_MS = 120;

interface RootState {
  near: IntersectionObserver;
  visible: IntersectionObserver;
  pending: Map<Element, () => void>;
  /** Near the viewport now, in the order they came; those on screen are taken first. */
  ready: Set<Element>;
  onScreen: Set<Element>;
  scheduled: boolean;
  lastScroll: number;
}

const roots = new WeakMap<Element, RootState>();

/** Calls `run` once `el` is within MARGIN of `root`'s visible area. Returns a cancel function. */
export function whenNearViewport(el: Element, root: Element, run: () => void): () => void {
  const state = roots.get(root) ?? watch(root);
  state.pending.set(el, run);
  state.near.observe(el);
  state.visible.observe(el);
  return () => {
    if (state.pending.delete(el)) forget(state, el);
  };
}

function watch(root: Element): RootState {
  const state: RootState = {
    near: new IntersectionObserver((records) => {
      for (const r of records) {
        if (r.isIntersecting) state.ready.add(r.target);
        else state.ready.delete(r.target);
      }
      schedule(state);
    }, { root, rootMargin: MARGIN }),
    visible: new IntersectionObserver((records) => {
      for (const r of records) {
        if (r.isIntersecting) state.onScreen.add(r.target);
        else state.onScreen.delete(r.target);
      }
    }, { root }),
    pending: new Map(),
    ready: new Set(),
    onScreen: new Set(),
    scheduled: false,
    lastScroll: -Infinity,
  };
  root.addEventListener('scroll', () => { state.lastScroll = performance.now(); }, { passive: true });
  roots.set(root, state);
  return state;
}

function forget(state: RootState, el: Element): void {
  state.near.unobserve(el);
  state.visible.unobserve(el);
  state.ready.delete(el);
  state.onScreen.delete(el);
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
  while (state.ready.size > 0 && performance.now() - started < BUDGET_MS) {
    const next = first(state.onScreen, state.ready) ?? state.ready.values().next().value!;
    const run = state.pending.get(next);
    state.pending.delete(next);
    forget(state, next);
    run?.();
  }
  schedule(state);
}

function first(onScreen: Set<Element>, ready: Set<Element>): Element | undefined {
  for (const el of onScreen) if (ready.has(el)) return el;
  return undefined;
}
