import { type ComponentType, lazy } from 'react';

/**
 * React.lazy that can be loaded ahead of the first render. React.lazy suspends on its first render
 * even when its chunk has long arrived, so a cold visit to a shared portal link showed the loading
 * fallback and then waited for Suspense to reveal the page (~150 ms). Once `preload()` has resolved,
 * `View` renders the component at once; before that it is an ordinary lazy component.
 */
export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): {
  View: ComponentType<P>;
  preload: () => Promise<void>;
} {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<void> | undefined;
  const preload = () => {
    pending ??= load().then(
      (m) => {
        loaded = m.default;
      },
      (err: unknown) => {
        pending = undefined; // a chunk that failed to arrive may be asked for again
        throw err;
      },
    );
    return pending;
  };
  const Lazy = lazy(() => preload().then(() => ({ default: loaded as ComponentType<P> })));
  // biome-ignore lint/correctness/noComponentHookFactories: like React.lazy, called once per view at module level.
  function View(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { View, preload };
}
