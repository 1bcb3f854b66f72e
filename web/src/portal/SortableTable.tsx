/**
 * A plain, accessible sortable table (antd's Table costs ~90 KB gzipped, too much for the portal's
 * first paint): header buttons toggle the order, `aria-sort` tells screen readers, rows stay in the DOM.
 */
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  title: string;
  render: (row: T) => ReactNode;
  /** Compare two rows ascending; absent = not sortable. */
  compare?: (a: T, b: T) => number;
  /** Rows without a value for this column (not rated): always listed last, whatever the direction. */
  missing?: (row: T) => boolean;
  align?: 'left' | 'right';
  className?: string;
}

export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

export function SortableTable<T>({
  columns,
  rows,
  rowKey,
  sort,
  onSort,
  caption,
  testId,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: SortState | null;
  onSort?: (s: SortState) => void;
  caption?: string;
  testId?: string;
}) {
  const col = sort ? columns.find((c) => c.key === sort.key && c.compare) : undefined;
  const shown = col?.compare
    ? [...rows].sort((a, b) => {
        const ma = col.missing?.(a) ?? false;
        const mb = col.missing?.(b) ?? false;
        if (ma !== mb) return ma ? 1 : -1;
        return (sort?.dir === 'desc' ? -1 : 1) * col.compare!(a, b);
      })
    : rows;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort?.key === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.className}
                  style={{ textAlign: c.align ?? 'left' }}
                  aria-sort={active ? (sort?.dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.compare && onSort ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => onSort({ key: c.key, dir: active && sort?.dir === 'asc' ? 'desc' : 'asc' })}
                    >
                      {c.title}
                      <span aria-hidden className="sort-mark">
                        {active ? (sort?.dir === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.title
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={rowKey(r)}>
              {columns.map((c) => (
                <td key={c.key} className={c.className} style={{ textAlign: c.align ?? 'left' }}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
