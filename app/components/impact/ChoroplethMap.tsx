import { useId } from "react";
import { useTranslation } from "react-i18next";
import { ScrollRegion } from "~/components/ScrollRegion";
import type { Dashboard } from "~/domain/impact/dashboard.server";
import { colourFor, OUTSIDE_COLOUR } from "~/domain/impact/choropleth";
import { formatNumber } from "~/i18n/format";

type MapData = NonNullable<Dashboard["map"]>;

/**
 * Milan's 88 quartieri coloured by one measure: an SVG image (role="img", a label saying what it
 * shows, a <title> per quartiere for pointer users), its legend as a list, and — beside it — the
 * table with the same numbers, which is what screen readers and keyboard users read.
 */
export function ChoroplethMap({
  map,
  measureLabel,
  rows,
  total,
  totalIsDistinct,
  unlocated,
  locale,
}: {
  map: MapData;
  measureLabel: string;
  rows: Array<{ id: number; name: string; value: number }>;
  total: number;
  totalIsDistinct: boolean;
  unlocated: number | null;
  locale: string;
}) {
  const { t } = useTranslation("impact");
  const captionId = `${useId()}-caption`;
  const n = (value: number) => formatNumber(value, locale);
  const sorted = [...rows].sort((a, b) => b.value - a.value || a.name.localeCompare(b.name, locale));

  return (
    <div className="row g-4">
      <div className="col-12 col-lg-7">
        <figure className="vc-impact-map mb-2">
          <svg
            role="img"
            aria-label={t("map.label", { measure: measureLabel })}
            viewBox={`0 0 ${map.width} ${map.height}`}
            width="100%"
            className="vc-impact-map-svg"
          >
            {map.shapes.map((shape) => (
              <path
                key={shape.id}
                d={shape.d}
                fill={shape.value === null ? OUTSIDE_COLOUR : colourFor(shape.value, map.legend)}
                stroke="#ffffff"
                strokeWidth={1}
                data-quartiere={shape.id}
              >
                <title>
                  {shape.value === null
                    ? t("map.shapeTitleOutside", { quartiere: shape.name })
                    : t("map.shapeTitle", { quartiere: shape.name, value: n(shape.value) })}
                </title>
              </path>
            ))}
          </svg>
          <figcaption className="visually-hidden">{t("map.label", { measure: measureLabel })}</figcaption>
        </figure>
        <div className="vc-impact-legend" role="group" aria-labelledby="map-legend-heading">
          <p id="map-legend-heading" className="fw-semibold mb-1">
            {t("map.legend", { measure: measureLabel })}
          </p>
          <ul className="list-unstyled d-flex flex-wrap gap-3 mb-0" data-testid="map-legend">
            {map.legend.map((c) => (
              <li key={`${c.min}-${c.max}`}>
                <span className="vc-impact-swatch" style={{ background: c.colour }} aria-hidden="true" />{" "}
                {c.min === c.max ? n(c.min) : t("map.range", { min: n(c.min), max: n(c.max) })}
              </li>
            ))}
            <li>
              <span className="vc-impact-swatch" style={{ background: OUTSIDE_COLOUR }} aria-hidden="true" /> {t("map.outside")}
            </li>
          </ul>
        </div>
      </div>
      <div className="col-12 col-lg-5">
        <ScrollRegion className="vc-impact-map-table" labelledBy={captionId}>
          <table className="table table-sm vc-impact-table" data-testid="map-table">
            <caption id={captionId}>{t("map.tableCaption", { measure: measureLabel })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("map.quartiere")}</th>
                <th scope="col" className="text-end">
                  {measureLabel}
                </th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="fw-normal">
                    {row.name}
                  </th>
                  <td className="text-end">{n(row.value)}</td>
                </tr>
              ))}
              {unlocated !== null && unlocated > 0 ? (
                <tr>
                  <th scope="row" className="fw-normal fst-italic">
                    {t("map.unlocated")}
                  </th>
                  <td className="text-end">{n(unlocated)}</td>
                </tr>
              ) : null}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{totalIsDistinct ? t("map.totalDistinct") : t("map.total")}</th>
                <td className="text-end fw-semibold" data-testid="map-total">
                  {n(total)}
                </td>
              </tr>
            </tfoot>
          </table>
          {totalIsDistinct ? <p className="vc-hint small">{t("map.distinctNote")}</p> : null}
        </ScrollRegion>
      </div>
    </div>
  );
}
