/**
 * console.table, as Node 20's lib/internal/console/constructor.js + lib/internal/cli_table.js:
 * box-drawing table, values shown with inspect, cells left-aligned (as Node 20.20 does).
 */
type Inspect = (v: unknown, o?: object) => string;

const tableChars = {
  middleMiddle: '─', rowMiddle: '┼', topRight: '┐', topLeft: '┌', leftMiddle: '├', topMiddle: '┬',
  bottomRight: '┘', bottomLeft: '└', bottomMiddle: '┴', rightMiddle: '┤', left: '│ ', right: ' │', middle: ' │ ',
};

/** getStringWidth for the common case (no East Asian wide characters, no ANSI codes). */
function width(s: string): number {
  return [...s].length;
}

function renderRow(row: string[], columnWidths: number[]): string {
  let out = tableChars.left;
  for (let i = 0; i < row.length; i++) {
    const cell = row[i];
    const len = width(cell);
    out += cell + ' '.repeat(columnWidths[i] - len);
    if (i !== row.length - 1) out += tableChars.middle;
  }
  out += tableChars.right;
  return out;
}

function table(head: string[], columns: string[][]): string {
  const rows: string[][] = [];
  const columnWidths = head.map((h) => width(h));
  const longestColumn = Math.max(...columns.map((a) => a.length));
  for (let i = 0; i < head.length; i++) {
    const column = columns[i];
    for (let j = 0; j < longestColumn; j++) {
      if (rows[j] === undefined) rows[j] = [];
      const value = (rows[j][i] = Object.prototype.hasOwnProperty.call(column, j) ? column[j] : '');
      const w = columnWidths[i] || 0;
      const counted = width(value);
      columnWidths[i] = Math.max(w, counted);
    }
  }
  const divider = columnWidths.map((i) => tableChars.middleMiddle.repeat(i + 2));
  let result = tableChars.topLeft + divider.join(tableChars.topMiddle) + tableChars.topRight + '\n' +
    renderRow(head, columnWidths) + '\n' +
    tableChars.leftMiddle + divider.join(tableChars.rowMiddle) + tableChars.rightMiddle + '\n';
  for (const row of rows) result += `${renderRow(row, columnWidths)}\n`;
  result += tableChars.bottomLeft + divider.join(tableChars.bottomMiddle) + tableChars.bottomRight;
  return result;
}

/** Returns the text console.table prints, or undefined when Node would fall back to console.log. */
export function renderTable(inspect: Inspect, tabularData: unknown, properties?: unknown): string | undefined {
  if (tabularData === null || typeof tabularData !== 'object') return undefined;
  const fmt = (v: unknown) => inspect(v, { depth: 1, maxArrayLength: 3, breakLength: Infinity, colors: false });
  const indexKey = '(index)';
  const valuesKey = 'Values';
  const keys: string[] = [];
  const map: Record<string, string[]> = Object.create(null);
  let hasPrimitives = false;
  const valuesKeyArray: string[] = [];
  const indexKeyArray: string[] = [];
  const entries = Object.keys(tabularData as object);
  const filter = Array.isArray(properties) ? properties.map(String) : undefined;
  for (let i = 0; i < entries.length; i++) {
    const k = entries[i];
    const item = (tabularData as Record<string, unknown>)[k];
    indexKeyArray.push(k);
    const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
    if (filter === undefined && primitive) {
      hasPrimitives = true;
      valuesKeyArray[i] = fmt(item);
    } else {
      const itemKeys = filter ?? Object.keys(item as object);
      for (const key of itemKeys) {
        if (map[key] === undefined) {
          map[key] = [];
          keys.push(key);
        }
        if ((primitive && filter) || !Object.prototype.hasOwnProperty.call(item, key)) continue;
        map[key][i] = fmt((item as Record<string, unknown>)[key]);
      }
    }
  }
  const head = [indexKey, ...keys];
  const columns = [indexKeyArray, ...keys.map((k) => map[k])];
  if (hasPrimitives) {
    head.push(valuesKey);
    columns.push(valuesKeyArray);
  }
  return table(head, columns);
}
