import { createElement, Fragment, isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Table, type TableProps } from './Table.tsx';

type Row = { id: string; name: string; n: number };
const ROWS: Row[] = [
  { id: 'a', name: 'Alpha', n: 1 },
  { id: 'b', name: 'Beta', n: 22 },
];
const COLUMNS: TableProps<Row>['columns'] = [
  { key: 'name', header: 'Name', rowHeader: true, cell: (r) => r.name },
  { key: 'n', header: 'Count', className: 'num', headerClassName: 'num', cell: (r) => r.n },
  {
    key: 'actions',
    header: 'Actions',
    label: false,
    cell: (r) => createElement('button', { type: 'button' }, `Edit ${r.name}`),
  },
];

const html = (props: Partial<TableProps<Row>> = {}) =>
  renderToStaticMarkup(
    createElement(Table<Row>, { columns: COLUMNS, rows: ROWS, rowKey: (r) => r.id, ...props }) as ReactNode,
  );

/** The cells of the body, each as its tag and attributes (labels) and text. */
const cells = (markup: string) =>
  [...markup.replace(/^.*<tbody>/s, '').matchAll(/<(td|th)([^>]*)>(.*?)<\/\1>/g)].map((m) => ({
    tag: m[1],
    attrs: m[2]!.trim(),
    text: m[3]!,
  }));

describe('Table', () => {
  it('draws the header row, a row per item and the hidden caption in a scrolling wrapper', () => {
    const out = html({ caption: 'Things' });
    expect(out.startsWith('<div class="table-wrap"><table class="data stack labelled">')).toBe(true);
    expect(out).toContain('<caption class="visually-hidden">Things</caption>');
    expect(out).toContain(
      '<thead><tr><th scope="col">Name</th><th scope="col" class="num">Count</th><th scope="col">Actions</th></tr></thead>',
    );
    expect(out.match(/<tr>/g)).toHaveLength(3);
  });

  it('names each cell for phones with data-label (the header unless told otherwise), none where label is false', () => {
    expect(cells(html())).toEqual([
      { tag: 'th', attrs: 'scope="row" data-label="Name"', text: 'Alpha' },
      { tag: 'td', attrs: 'class="num" data-label="Count"', text: '1' },
      { tag: 'td', attrs: '', text: '<button type="button">Edit Alpha</button>' },
      { tag: 'th', attrs: 'scope="row" data-label="Name"', text: 'Beta' },
      { tag: 'td', attrs: 'class="num" data-label="Count"', text: '22' },
      { tag: 'td', attrs: '', text: '<button type="button">Edit Beta</button>' },
    ]);
  });

  it('names cells inline (span.cell-label, no .labelled) or not at all when asked', () => {
    const inline = html({ labels: 'inline', className: 'members' });
    expect(inline).toContain('<table class="data stack members">');
    expect(cells(inline).slice(0, 3)).toEqual([
      { tag: 'th', attrs: 'scope="row"', text: '<span class="cell-label">Name: </span>Alpha' },
      { tag: 'td', attrs: 'class="num"', text: '<span class="cell-label">Count: </span>1' },
      { tag: 'td', attrs: '', text: '<button type="button">Edit Alpha</button>' },
    ]);
    const none = html({ labels: 'none', stack: false, wrap: false });
    expect(none.startsWith('<table class="data">')).toBe(true);
    expect(none).not.toContain('data-label');
    expect(none).not.toContain('cell-label');
  });

  it('uses a column label other than the header when one is given', () => {
    const out = html({ columns: [{ key: 'n', header: 'N', label: 'Number of things', cell: (r) => r.n }] });
    expect(cells(out)[0]).toEqual({ tag: 'td', attrs: 'data-label="Number of things"', text: '1' });
  });

  it('leaves out the columns given as false', () => {
    const out = html({ columns: [COLUMNS[0], false, null, COLUMNS[1]] });
    expect(out.match(/scope="col"/g)).toHaveLength(2);
    expect(out).not.toContain('Edit');
  });

  it('shows the empty state instead of the table when there is no row, and the table when none is given', () => {
    expect(html({ rows: [], empty: createElement('p', { className: 'notice' }, 'Nothing yet') })).toBe(
      '<p class="notice">Nothing yet</p>',
    );
    expect(html({ rows: [] })).toContain('<tbody></tbody>');
    expect(html({ rows: undefined, groups: [{ key: 'x', rows: [] }], empty: createElement('p', null, 'none') })).toBe(
      '<p>none</p>',
    );
  });

  it('draws a tbody per group with a heading row spanning the columns', () => {
    const out = html({
      rows: undefined,
      groups: [
        { key: 'g1', heading: 'First (1)', rows: [ROWS[0]!] },
        { key: 'g2', heading: 'Second (1)', rows: [ROWS[1]!] },
      ],
    });
    expect(out.match(/<tbody>/g)).toHaveLength(2);
    expect(out).toContain('<tr class="group"><th scope="colgroup" colSpan="3">First (1)</th></tr>');
    expect(out.indexOf('Second (1)')).toBeGreaterThan(out.indexOf('Alpha'));
  });

  it('draws the rows given by `after` right after their row, told how many columns to span', () => {
    const out = html({
      after: (r, span) =>
        r.id === 'a' &&
        createElement('tr', { key: 'x', className: 'row-panel' }, createElement('td', { colSpan: span }, 'Sure?')),
    });
    const body = out.replace(/^.*<tbody>/s, '');
    expect(body.indexOf('Sure?')).toBeGreaterThan(body.indexOf('Alpha'));
    expect(body.indexOf('Sure?')).toBeLessThan(body.indexOf('Beta'));
    expect(out).toContain('<tr class="row-panel"><td colSpan="3">Sure?</td></tr>');
  });

  it('keys each row (and the rows after it) by rowKey, and each cell by its column', () => {
    // Table uses no hook: called as a function it gives the element tree React reconciles.
    const tree = Table<Row>({
      columns: COLUMNS,
      rows: ROWS,
      rowKey: (r) => `row-${r.id}`,
      after: (r) => r.id === 'b' && createElement('tr', { key: 'panel' }),
    });
    const bodies = find(tree, 'tbody');
    expect(bodies).toHaveLength(1);
    const rows = ([] as unknown[]).concat((bodies[0]!.props as { children: unknown[] }).children[1]) as ReactElement[];
    expect(rows.map((r) => r.key)).toEqual(['row-a', 'row-b']);
    expect(rows[0]!.type).toBe('tr');
    expect(rows[1]!.type).toBe(Fragment); // the row and its panel under the row's key
    const cellKeys = ([] as ReactElement[])
      .concat((rows[0]!.props as { children: ReactElement[] }).children)
      .map((c) => c.key);
    expect(cellKeys).toEqual(['name', 'n', 'actions']);
  });
});

/** The elements of a tag in an element tree (host elements only; components are not called). */
function find(node: unknown, type: string): ReactElement[] {
  if (Array.isArray(node)) return node.flatMap((n) => find(n, type));
  if (!isValidElement(node)) return [];
  const here = node.type === type ? [node] : [];
  return [...here, ...find((node.props as { children?: unknown }).children, type)];
}
