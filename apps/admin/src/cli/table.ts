// Text output for people: aligned columns (numbers to the right), and
// "Label: value" blocks for one item.

export type Cell = string | number | boolean;

const text = (cell: Cell): string =>
  typeof cell === 'boolean' ? (cell ? 'yes' : 'no') : String(cell);

/** The rows under a header line, columns separated by two spaces; trailing spaces trimmed. */
export function table(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const numeric = headers.map(
    (_header, column) => rows.length > 0 && rows.every((row) => typeof row[column] === 'number'),
  );
  const lines = [headers, ...rows.map((row) => row.map(text))];
  const widths = headers.map((_header, column) =>
    Math.max(...lines.map((line) => line[column].length)),
  );
  return (
    lines
      .map((line) =>
        line
          .map((cell, column) =>
            numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
          )
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** One item as "Label: value" lines, the values aligned. */
export function details(fields: readonly (readonly [label: string, value: Cell])[]): string {
  const width = Math.max(...fields.map(([label]) => label.length)) + 1;
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)} ${text(value)}\n`).join('');
}
