import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Icon } from "./Icon";

/** Pages to show: first, last, and two either side of the current one, with gaps as null. */
export function pageWindow(page: number, totalPages: number): Array<number | null> {
  const pages = new Set([1, totalPages, page - 2, page - 1, page, page + 1, page + 2]);
  const sorted = [...pages].filter((p) => p >= 1 && p <= totalPages).sort((a, b) => a - b);
  const out: Array<number | null> = [];
  sorted.forEach((p, i) => {
    if (i > 0 && p - sorted[i - 1] > 1) out.push(null);
    out.push(p);
  });
  return out;
}

export function Pagination({ page, totalPages, hrefFor }: { page: number; totalPages: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation("search");
  if (totalPages <= 1) return null;
  return (
    <nav className="pagination-wrapper justify-content-center mt-4" aria-label={t("pagination.label")}>
      <ul className="pagination flex-wrap">
        <li className={`page-item${page <= 1 ? " disabled" : ""}`}>
          {page > 1 ? (
            <Link className="page-link" to={hrefFor(page - 1)} rel="prev">
              <Icon name="it-chevron-left" className="icon-primary" />
              <span className="visually-hidden">{t("pagination.previous")}</span>
            </Link>
          ) : (
            <span className="page-link" aria-hidden="true">
              <Icon name="it-chevron-left" />
            </span>
          )}
        </li>
        {pageWindow(page, totalPages).map((p, i) =>
          p === null ? (
            <li key={`gap-${i}`} className="page-item" aria-hidden="true">
              <span className="page-link">…</span>
            </li>
          ) : (
            <li key={p} className="page-item">
              <Link
                className="page-link"
                to={hrefFor(p)}
                aria-current={p === page ? "page" : undefined}
                aria-label={p === page ? t("pagination.current", { page: p }) : t("pagination.page", { page: p })}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        <li className={`page-item${page >= totalPages ? " disabled" : ""}`}>
          {page < totalPages ? (
            <Link className="page-link" to={hrefFor(page + 1)} rel="next">
              <span className="visually-hidden">{t("pagination.next")}</span>
              <Icon name="it-chevron-right" className="icon-primary" />
            </Link>
          ) : (
            <span className="page-link" aria-hidden="true">
              <Icon name="it-chevron-right" />
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
