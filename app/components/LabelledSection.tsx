import type { ReactNode } from "react";

/**
 * A page section named by its own heading (aria-labelledby), the way every profile and operator
 * page is cut into parts: `<section aria-labelledby="x"><h2 id="x">…</h2>…</section>`.
 */
export function LabelledSection({
  headingId,
  heading,
  headingClassName = "h3",
  className = "mb-4",
  children,
}: {
  headingId: string;
  heading: ReactNode;
  /** The heading's visual size (it is always an h2 in the outline). */
  headingClassName?: string;
  /** The section's classes (default "mb-4"); null for none. */
  className?: string | null;
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId} className={className ?? undefined}>
      <h2 id={headingId} className={headingClassName}>
        {heading}
      </h2>
      {children}
    </section>
  );
}
