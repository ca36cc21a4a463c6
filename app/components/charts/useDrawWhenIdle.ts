import { useEffect, useRef, useState } from "react";

/**
 * recharts (about 117 KiB gzipped) is fetched and run only when its box is on screen and the
 * browser is idle — never during the page's first load and hydration, so that the chart does not
 * block the main thread while the page becomes usable (issue 17). Until then the box keeps its
 * fixed height (no layout shift) and the table below holds the same figures.
 */
export function useDrawWhenIdle<T extends Element>() {
  const ref = useRef<T>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let idle = 0;
    // Safari has no requestIdleCallback: a short timeout after the chart came on screen instead.
    const whenIdle = (fn: () => void): number =>
      typeof window.requestIdleCallback === "function" ? window.requestIdleCallback(fn, { timeout: 3000 }) : (setTimeout(fn, 300) as unknown as number);
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      idle = whenIdle(() => setReady(true));
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      if (idle && typeof window.cancelIdleCallback === "function") window.cancelIdleCallback(idle);
    };
  }, []);
  return { ref, ready };
}
