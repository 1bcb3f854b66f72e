/**
 * Errors caused by what a user gave us (a file, a flag, a form), as opposed to bugs.
 * Every importer and validator throws InputError with the place of the fault, so the CLI can print
 * one clear line and the HTTP layer can answer 400 with `{ code, message, path }`.
 */
export interface InputLocation {
  file?: string;
  sheet?: string;
  /** 1-based row number as a spreadsheet user counts it (the header is row 1). */
  row?: number;
  column?: string;
  /** Path of the bad field inside a structured input, e.g. ['tasks', 3, 'deadline']. */
  path?: (string | number)[];
}

export class InputError extends Error {
  readonly code: string;
  readonly location: InputLocation;

  constructor(message: string, location: InputLocation = {}, code = 'invalid_input') {
    super(message);
    this.name = 'InputError';
    this.code = code;
    this.location = location;
  }

  /** "file.csv, sheet Tasks, row 12, column weight: message" */
  override toString(): string {
    const where = formatLocation(this.location);
    return where ? `${where}: ${this.message}` : this.message;
  }
}

export function formatLocation(loc: InputLocation): string {
  const parts: string[] = [];
  if (loc.file) parts.push(loc.file);
  if (loc.sheet) parts.push(`sheet ${loc.sheet}`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column) parts.push(`column ${loc.column}`);
  if (loc.path && loc.path.length > 0) parts.push(`field ${loc.path.join('.')}`);
  return parts.join(', ');
}
