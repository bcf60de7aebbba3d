// The one table of the app: columns as data, rows drawn from them, stacked on phones with each cell named.
// It writes the markup web/src/styles.css expects: `table.data`, `.stack` (rows as blocks under 600px),
// and the cell's name either as `data-label` (with `.labelled`, drawn by CSS before the value) or as a
// `span.cell-label` (hidden on wide screens, shown inline on phones). No words of its own: every header,
// label and caption comes from the page, in the reader's language.
import { Fragment, type ReactNode } from 'react';

export type Column<R> = {
  /** Unique among the columns (React's key for the header cell). */
  key: string;
  header: ReactNode;
  cell: (row: R) => ReactNode;
  /** The cell's name when the table is stacked: the header when that is text, or none with `false`. */
  label?: string | false;
  /** The row's name: drawn as <th scope="row">. */
  rowHeader?: boolean;
  /** On each cell of the column (`num`, `mono`, `nowrap`, `actions`, `details`). */
  className?: string;
  /** On the header cell (`num` to align a number column's header with its values). */
  headerClassName?: string;
};

/** Rows under a heading row of their own (one <tbody> each). */
export type RowGroup<R> = { key: string; heading?: ReactNode; rows: readonly R[] };

export type TableProps<R> = {
  /** Columns; `false`, `null` and `undefined` are left out (a column shown only sometimes). */
  columns: readonly (Column<R> | false | null | undefined)[];
  rows?: readonly R[];
  /** Instead of `rows`: groups, each with its heading row (`tr.group`). */
  groups?: readonly RowGroup<R>[];
  rowKey: (row: R) => string | number;
  /** What the table holds, for screen readers (a caption hidden from view). */
  caption?: string;
  /**
   * How a stacked cell is named: `attribute` (data-label, table.labelled), `inline` (span.cell-label), or
   * `none`. Default `attribute`.
   */
  labels?: 'attribute' | 'inline' | 'none';
  /** Rows as blocks on phones (`table.stack`). Default true. */
  stack?: boolean;
  /** More classes on the table (`audit`, `members`, `events`). */
  className?: string;
  /** Shown instead of the table when there is no row. */
  empty?: ReactNode;
  /** Rows drawn after a row (a confirmation, an editor): <tr> elements spanning `span` columns. */
  after?: (row: R, span: number) => ReactNode;
  /** Inside a `div.table-wrap` (scrolls sideways rather than widening the page). Default true. */
  wrap?: boolean;
};

export function Table<R>({
  columns,
  rows,
  groups,
  rowKey,
  caption,
  labels = 'attribute',
  stack = true,
  className,
  empty,
  after,
  wrap = true,
}: TableProps<R>) {
  const cols = columns.filter((c): c is Column<R> => !!c);
  const parts: readonly RowGroup<R>[] = groups ?? [{ key: '', rows: rows ?? [] }];
  if (empty !== undefined && parts.every((g) => g.rows.length === 0)) return <>{empty}</>;

  const labelOf = (c: Column<R>) =>
    labels === 'none' || c.label === false
      ? undefined
      : (c.label ?? (typeof c.header === 'string' ? c.header : undefined));
  const cell = (c: Column<R>, row: R) => {
    const label = labelOf(c);
    const content =
      labels === 'inline' && label !== undefined ? (
        <>
          <span className="cell-label">{label}: </span>
          {c.cell(row)}
        </>
      ) : (
        c.cell(row)
      );
    const props = {
      className: c.className,
      ...(labels === 'attribute' && label !== undefined ? { 'data-label': label } : {}),
    };
    return c.rowHeader ? (
      <th key={c.key} scope="row" {...props}>
        {content}
      </th>
    ) : (
      <td key={c.key} {...props}>
        {content}
      </td>
    );
  };
  const row = (r: R) => {
    const key = rowKey(r);
    const tr = <tr key={key}>{cols.map((c) => cell(c, r))}</tr>;
    const extra = after?.(r, cols.length);
    return extra ? (
      <Fragment key={key}>
        {tr}
        {extra}
      </Fragment>
    ) : (
      tr
    );
  };

  const classes = ['data', stack && 'stack', labels === 'attribute' && stack && 'labelled', className]
    .filter(Boolean)
    .join(' ');
  const table = (
    <table className={classes}>
      {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c.key} scope="col" className={c.headerClassName}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      {parts.map((g) => (
        <tbody key={g.key || 'all'}>
          {g.heading !== undefined && (
            <tr className="group">
              <th scope="colgroup" colSpan={cols.length}>
                {g.heading}
              </th>
            </tr>
          )}
          {g.rows.map(row)}
        </tbody>
      ))}
    </table>
  );
  return wrap ? <div className="table-wrap">{table}</div> : table;
}
