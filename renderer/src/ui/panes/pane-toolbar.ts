import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * Whether the pane's buttons are collapsed into its "More actions" menu, following the header: they
 * collapse once the heading (icon, title, badges) no longer fits beside them (the title is at its
 * smallest), and open out again once the header is as wide as was needed then. The buttons never
 * shrink and the heading clips what overflows it, so Close stays in the pane whatever badge appears;
 * the heading's overflow is what the header lacks. The header is watched for its own size and for
 * what it holds (a badge that appears takes room too).
 */
export function useCollapsedActions(header: RefObject<HTMLElement | null>, heading: RefObject<HTMLElement | null>): boolean {
  const [collapsed, setCollapsed] = useState(false);
  const needed = useRef(0);
  useLayoutEffect(() => {
    const element = header.current;
    const content = heading.current;
    if (!element || !content || typeof ResizeObserver === 'undefined') return;
    const check = () => {
      const overflow = Math.max(0, content.scrollWidth - content.clientWidth);
      const next = nextCollapsed({ collapsed, width: element.clientWidth, contentWidth: element.clientWidth + overflow, needed: needed.current });
      needed.current = next.needed;
      setCollapsed(next.collapsed);
    };
    const resizes = new ResizeObserver(check);
    resizes.observe(element);
    const changes = typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(check);
    changes?.observe(element, { childList: true, subtree: true, characterData: true });
    check();
    return () => {
      resizes.disconnect();
      changes?.disconnect();
    };
  }, [header, heading, collapsed]);
  return collapsed;
}

/**
 * The rule: shown in a row, the buttons collapse when the content is wider than the header (and
 * that width is remembered); collapsed, they open out when the header is as wide as was needed.
 * A header of no width (not laid out, or hidden) changes nothing.
 */
export function nextCollapsed(input: { collapsed: boolean; width: number; contentWidth: number; needed: number }): { collapsed: boolean; needed: number } {
  const { collapsed, width, contentWidth, needed } = input;
  if (width === 0) return { collapsed, needed };
  if (!collapsed) return contentWidth > width + 1 ? { collapsed: true, needed: contentWidth } : { collapsed: false, needed };
  return { collapsed: width < needed, needed };
}
