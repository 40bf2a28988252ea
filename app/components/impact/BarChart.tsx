import { AxisBottom } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { useId } from "react";
import { ScrollRegion } from "~/components/ScrollRegion";
import { formatNumber } from "~/i18n/format";

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
}

export interface ChartRow {
  label: string;
  values: Record<string, number>;
}

/**
 * A horizontal bar chart (one group of bars per row, one bar per series) drawn with visx as
 * plain SVG, so it renders on the server and needs no script. The SVG is an image with a
 * summary for screen readers; the same numbers follow in a table, for everyone.
 */
export function BarChart({
  title,
  summary,
  rows,
  series,
  locale,
  rowHeader,
}: {
  title: string;
  /** One sentence for screen readers: what the chart shows (the table has the numbers). */
  summary: string;
  rows: ChartRow[];
  series: ChartSeries[];
  locale: string;
  /** The table's first column heading. */
  rowHeader: string;
}) {
  const id = useId();
  const labelWidth = 150;
  const chartWidth = 320;
  const barHeight = series.length > 1 ? 10 : 14;
  const groupHeight = barHeight * series.length + 10;
  const height = rows.length * groupHeight;
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => r.values[s.key] ?? 0)));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, chartWidth], nice: true });
  const y = scaleBand<string>({ domain: rows.map((r) => r.label), range: [0, height], padding: 0.15 });
  const tickCount = Math.min(4, Math.ceil(x.domain()[1] ?? 1));

  return (
    <figure className="vc-impact-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="h6">
        {title}
      </figcaption>
      <div className="row g-3 align-items-start">
        <div className="col-12 col-xl-7">
          <svg
            role="img"
            aria-label={`${title}. ${summary}`}
            viewBox={`0 0 ${labelWidth + chartWidth + 40} ${height + 30}`}
            width="100%"
            className="vc-impact-chart-svg"
            direction="ltr"
          >
            <Group left={labelWidth} top={4}>
              {rows.map((row) => (
                <Group key={row.label} top={y(row.label) ?? 0}>
                  <text x={-8} y={(y.bandwidth() || groupHeight) / 2} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#1a1a1a">
                    {row.label.length > 24 ? `${row.label.slice(0, 23)}…` : row.label}
                  </text>
                  {series.map((s, i) => {
                    const value = row.values[s.key] ?? 0;
                    const barY = (y.bandwidth() - barHeight * series.length) / 2 + i * barHeight;
                    return (
                      <g key={s.key}>
                        <Bar x={0} y={barY} width={Math.max(value > 0 ? 1 : 0, x(value))} height={barHeight - 2} fill={s.colour} />
                        {value > 0 || series.length === 1 ? (
                          <text x={x(value) + 4} y={barY + (barHeight - 2) / 2} dominantBaseline="middle" fontSize={10} fill="#1a1a1a">
                            {formatNumber(value, locale)}
                          </text>
                        ) : null}
                      </g>
                    );
                  })}
                </Group>
              ))}
              <AxisBottom
                top={height}
                scale={x}
                numTicks={tickCount}
                tickFormat={(v) => formatNumber(Number(v), locale)}
                stroke="#5c6f82"
                tickStroke="#5c6f82"
                tickLabelProps={{ fontSize: 10, fill: "#1a1a1a", textAnchor: "middle" }}
              />
            </Group>
          </svg>
          {series.length > 1 ? (
            <ul className="vc-impact-keys list-unstyled d-flex flex-wrap gap-3 small mb-0" aria-hidden="true">
              {series.map((s) => (
                <li key={s.key}>
                  <span className="vc-impact-swatch" style={{ background: s.colour }} /> {s.label}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="col-12 col-xl-5">
          <ScrollRegion labelledBy={`${id}-title`}>
            <table className="table table-sm vc-impact-table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{rowHeader}</th>
                  {series.map((s) => (
                    <th key={s.key} scope="col" className="text-end">
                      {s.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.label}>
                    <th scope="row" className="fw-normal">
                      {row.label}
                    </th>
                    {series.map((s) => (
                      <td key={s.key} className="text-end">
                        {formatNumber(row.values[s.key] ?? 0, locale)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      </div>
    </figure>
  );
}
