// RFC 4180 output: quote a field only when it holds a comma, quote or line break, as spreadsheet
// exports do ("Bretford CR4500 Series Slim Rectangular Table, Cherry" arrives quoted).

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(',');
}
