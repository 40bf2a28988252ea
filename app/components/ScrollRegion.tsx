import type { ReactNode } from "react";

/**
 * A box whose content may not fit (a wide table on a phone or at 200 % zoom, a long list): it
 * scrolls instead of the page, is reached with Tab so the arrow keys can scroll it, and is a named
 * region for screen readers — the pattern of Adrian Roselli's "Under-Engineered Responsive Tables",
 * and what axe's scrollable-region-focusable rule asks for.
 */
export function ScrollRegion({
  label,
  labelledBy,
  className = "table-responsive",
  children,
}: {
  /** The region's name (usually the table's caption)… */
  label?: string;
  /** …or the id of the element that names it. */
  labelledBy?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`vc-scroll-region ${className}`} role="region" aria-label={labelledBy ? undefined : label} aria-labelledby={labelledBy} tabIndex={0}>
      {children}
    </div>
  );
}
