// Runs a callback once an element comes near the visible part of a scrolling container. Restoring
// a long conversation then renders the markdown of the answers on screen, not of all of them.

const MARGIN = '1200px 0px'; // about a screen above and below: rendered before it is scrolled into view

const observers = new WeakMap<Element, { observer: IntersectionObserver; pending: Map<Element, () => void> }>();

/** Calls `run` once `el` is within MARGIN of `root`'s visible area. Returns a cancel function. */
export function whenNearViewport(el: Element, root: Element, run: () => void): () => void {
  let entry = observers.get(root);
  if (!entry) {
    const pending = new Map<Element, () => void>();
    const observer = new IntersectionObserver((records) => {
      for (const r of records) {
        if (!r.isIntersecting) continue;
        const fn = pending.get(r.target);
        pending.delete(r.target);
        observer.unobserve(r.target);
        fn?.();
      }
    }, { root, rootMargin: MARGIN });
    entry = { observer, pending };
    observers.set(root, entry);
  }
  const { observer, pending } = entry;
  pending.set(el, run);
  observer.observe(el);
  return () => {
    if (pending.delete(el)) observer.unobserve(el);
  };
}
