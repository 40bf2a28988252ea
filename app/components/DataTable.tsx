import type { ReactNode } from "react";
import { ScrollRegion } from "./ScrollRegion";

export type DataTableColumn = string | { label: string; className?: string };

/**
 * A table of records with a caption for screen readers and one header cell per column; the
 * rows (`<tr>`, a `<th scope="row">` first) come as children. Scrolls sideways on small screens,
 * in a region named by the caption that the keyboard can reach (ScrollRegion).
 */
export function DataTable({
  caption,
  columns,
  className = "table vc-op-table",
  responsive = true,
  children,
}: {
  caption: string;
  columns: DataTableColumn[];
  className?: string;
  /** Wrap in a scrolling region (off for tables narrow enough for any screen). */
  responsive?: boolean;
  children: ReactNode;
}) {
  const table = (
    <table className={className}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, i) => {
            const { label, className: cellClass } = typeof column === "string" ? { label: column, className: undefined } : column;
            return (
              <th key={i} scope="col" className={cellClass}>
                {label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  return responsive ? <ScrollRegion label={caption}>{table}</ScrollRegion> : table;
}
