/** The longest CSV row, in bytes: a quote that is never closed would otherwise make the rest of the file one field. */
export const MAX_ROW_BYTES = 100_000;

// csv-parse's errors (CsvError) carry a code and the line they stopped on.
const CSV_PROBLEMS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed (unbalanced ")',
  INVALID_OPENING_QUOTE: 'a " inside an unquoted field (quote the whole field and double the " inside it)',
  CSV_INVALID_CLOSING_QUOTE: 'a quoted field goes on after its closing " (double a " inside a quoted field)',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted field goes on after its closing "',
  CSV_MAX_RECORD_SIZE: `the row is longer than ${MAX_ROW_BYTES} bytes`,
};

export function isCsvError(error: unknown): error is Error & { code: string; lines?: number } {
  const code = (error as { code?: unknown })?.code;
  return error instanceof Error && typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE');
}

/** A csv-parse error in words a person who edits spreadsheets can act on. */
export const describeCsvProblem = (error: Error & { code: string }): string => CSV_PROBLEMS[error.code] ?? error.message;
