/** One row's problem in an import preview: where it is, which column, and what to put right. */
export interface ImportIssue {
  /** 1-based line in the file where the row starts. */
  line: number;
  /** The column's name as the import documents it (e.g. "case reference"), or "row" for the row as a whole. */
  field: string;
  reason: string;
}

/** A problem with the file as a whole; while there is one, nothing from the file may be imported. */
export interface ImportFileError {
  /** The line concerned, or null when the file has none (an empty file). */
  line: number | null;
  reason: string;
}

/** Import ids come from natural keys (see stableId): importing the same file again updates the same records. */
export { stableId as stableImportId } from '../ids/stableId';
