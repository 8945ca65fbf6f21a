import { useTranslation } from 'react-i18next';
import type { Label, TableModel } from '~/domain/insight/table';
import { groupDigits } from '~/utils/format';

// The dashboard's tables and charts (kommune.$kommune.innsikt.tsx). A chart is SVG drawn on the
// server: no library, no script, it scales to the screen's width; its figures are always also in the
// table right after it, which is what a screen reader reads (the SVG is one image with a title).

export function LabelText({ label }: { label: Label }) {
  const { t } = useTranslation(['insight', 'catalogue']);
  if ('key' in label) return <>{t(label.key, label.values)}</>;
  return label.nb ? <span lang="nb">{label.text}</span> : <span dir="auto">{label.text}</span>;
}

const labelString = (label: Label, t: (k: string, v?: Record<string, unknown>) => string) => ('key' in label ? t(label.key, label.values) : label.text);

function Figure({ value }: { value: number | null }) {
  const { t } = useTranslation(['insight', 'catalogue']);
  return value === null ? <span className="insight-hidden">{t('table.hidden')}</span> : <>{groupDigits(value)}</>;
}

/** One table of the dashboard; a wide one scrolls inside its own focusable, labelled box, never the page. */
export function InsightTable({ table }: { table: TableModel }) {
  const { t } = useTranslation(['insight', 'catalogue']);
  const captionId = `${table.id}-caption`;
  if (!table.rows.length) {
    return (
      <>
        <h3 id={captionId}>{t(table.caption)}</h3>
        <p>{t('table.empty')}</p>
      </>
    );
  }
  return (
    <div className="table-scroll" role="region" tabIndex={0} aria-labelledby={captionId}>
      <table className="data-table insight-table">
        <caption id={captionId}>{t(table.caption)}</caption>
        <thead>
          <tr>
            <th scope="col">{t(table.rowHeading)}</th>
            {table.cols.map((c, j) => (
              <th scope="col" key={j}>
                <LabelText label={c} />
              </th>
            ))}
            {table.rowTotals ? <th scope="col">{t('table.total')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              <th scope="row">
                <LabelText label={r} />
              </th>
              {table.cells[i].map((v, j) => (
                <td key={j}>
                  <Figure value={v} />
                </td>
              ))}
              {table.rowTotals ? (
                <td>
                  <Figure value={table.rowTotals[i]} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        {table.colTotals ? (
          <tfoot>
            <tr>
              <th scope="row">{t('table.total')}</th>
              {table.colTotals.map((v, j) => (
                <td key={j}>
                  <Figure value={v} />
                </td>
              ))}
              {table.rowTotals ? (
                <td>
                  <Figure value={table.total} />
                </td>
              ) : null}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

export type Bar = { label: Label; value: number | null };

const W = 320;
const ROW = 34;
const PAD = 4;
const VALUE_ROOM = 56;

/** Horizontal bars, each with its label on the line above: fits 360 px and mirrors for right-to-left. */
export function BarChart({ id, title, bars, dir }: { id: string; title: string; bars: Bar[]; dir: 'ltr' | 'rtl' }) {
  const { t } = useTranslation(['insight', 'catalogue']);
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const height = bars.length * ROW + PAD;
  const rtl = dir === 'rtl';
  // In a right-to-left page the bars grow from the right edge; "start" is then the right end of a text.
  const x = (from: number) => (rtl ? W - from : from);
  const titleId = `${id}-title`;
  return (
    <figure className="insight-chart">
      <figcaption id={titleId}>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-labelledby={titleId} aria-describedby={`${id}-note`} direction={dir} focusable="false">
        {bars.map((b, i) => {
          const y = i * ROW + PAD;
          const w = b.value === null ? 0 : Math.max(b.value > 0 ? 2 : 0, ((W - 2 * PAD - VALUE_ROOM) * b.value) / max);
          return (
            <g key={i}>
              <text x={x(PAD)} y={y + 11} fontSize="12" textAnchor="start" fill="currentColor">
                {labelString(b.label, t)}
              </text>
              <rect x={rtl ? W - PAD - w : PAD} y={y + 15} width={w} height={12} rx={2} className="insight-chart__bar" />
              <text x={x(PAD + w + 4)} y={y + 25} fontSize="11" textAnchor="start" fill="currentColor">
                {b.value === null ? t('table.hidden') : groupDigits(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <p id={`${id}-note`} className="hint">
        {t('chart.sameInTable')}
      </p>
    </figure>
  );
}
