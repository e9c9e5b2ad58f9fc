/**
 * Routes for the renderer (deep links, clicked notifications) wait here until the page is
 * loaded, then go out as `sb:navigate` events. A link that launched the app, or arrived while
 * the page was (re)loading, is delivered once the load finishes; the preload holds it further
 * until the renderer subscribes. Only the most recent few are kept.
 */

/** Sends one route to the renderer. */
export type RouteSender = (route: string) => void;

/** The queue. */
export interface NavigationQueue {
  /** Delivers `route` now when the renderer is ready, otherwise keeps it. */
  push(route: string): void;
  /** The page finished loading: flush through `send` and deliver directly from now on. */
  ready(send: RouteSender): void;
  /** The page is (re)loading or gone: keep routes until the next `ready`. */
  pause(): void;
  /** Routes waiting (for tests and diagnostics). */
  pending(): readonly string[];
}

/** Creates a queue keeping at most `limit` routes while the renderer is not ready. */
export function createNavigationQueue(limit = 10): NavigationQueue {
  let send: RouteSender | null = null;
  const queue: string[] = [];
  return {
    push(route) {
      if (send) return send(route);
      queue.push(route);
      if (queue.length > limit) queue.shift();
    },
    ready(sender) {
      send = sender;
      for (const route of queue.splice(0)) sender(route);
    },
    pause() {
      send = null;
    },
    pending: () => [...queue],
  };
}
