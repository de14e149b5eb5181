/**
 * One line of a CSV file split into its fields, as RFC 4180 reads them: fields separated by commas; a field
 * in double quotes may hold commas, and a doubled quote stands for one. A quoted field cannot span lines:
 * the importers read line by line, and no layout they read has a value that needs a line break.
 */
export type CsvLine = { ok: true; fields: string[] } | { ok: false; error: string };

export function splitCsvLine(line: string): CsvLine {
  // NSE's files quote nothing: the common case is one split.
  if (!line.includes('"')) return { ok: true, fields: line.split(',') };
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line[at] === '"') {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = line.indexOf('"', from);
        if (quote === -1)
          return { ok: false, error: `the quoted field at character ${at + 1} is not closed` };
        value += line.slice(from, quote);
        if (line[quote + 1] !== '"') {
          at = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
      if (at < line.length && line[at] !== ',') {
        return { ok: false, error: `text follows the closing quote at character ${at + 1}` };
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', at);
      const end = comma === -1 ? line.length : comma;
      const value = line.slice(at, end);
      if (value.includes('"')) {
        return { ok: false, error: `a quote inside the unquoted field at character ${at + 1}` };
      }
      fields.push(value);
      at = end;
    }
    if (at >= line.length) return { ok: true, fields };
    at += 1;
  }
}
