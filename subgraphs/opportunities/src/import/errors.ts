/** Why a whole file was refused (as opposed to a {@link RowError} about one row). */
export type ImportFileErrorCode = "BAD_MAPPING" | "MISSING_COLUMNS" | "UNREADABLE" | "EMPTY" | "TOO_LARGE";

/** A file (or its column mapping) that cannot be imported at all; no records come back. */
export class ImportFileError extends Error {
  readonly code: ImportFileErrorCode;
  /** MISSING_COLUMNS: the columns not found (alternatives joined with " or "). */
  readonly missingColumns?: readonly string[];
  /** MISSING_COLUMNS: the header as found in the file. */
  readonly header?: readonly string[];

  constructor(code: ImportFileErrorCode, message: string, details: { missingColumns?: readonly string[]; header?: readonly string[] } = {}) {
    super(message);
    this.name = "ImportFileError";
    this.code = code;
    this.missingColumns = details.missingColumns;
    this.header = details.header;
  }
}
