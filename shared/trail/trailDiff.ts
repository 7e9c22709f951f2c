import type { Audit } from '../schemas/audits';
import type { TrailEntry } from '../schemas/trail';

/**
 * Leaf names whose string values are codes (enums, dates, ids, grade labels), safe to copy into
 * the trail. Any other string is treated as free text: only its lengths are kept, so words
 * written about a child are never stored twice. Names are matched on schema properties only,
 * never on record keys (a theme question id could be called "grade").
 */
const CODED_LEAVES: ReadonlySet<string> = new Set([
  'id',
  'status',
  'auditorId',
  'dueDate',
  'scale',
  'fourPoint',
  'grade',
  'inadequate',
  'state',
  'sought',
  'consent',
  'kind',
  'included',
  'outcomes',
  'childSafe',
  'workerTookPart',
  'meetingDate',
  'staffIds',
  'ownerId',
  'accountableManagerId',
  'sectionId',
  'raised',
  'raisedWithId',
  'raisedAt',
]);

/** Paths (with `*` for any key) whose children are keyed by data, not by schema property names. */
const RECORD_CONTAINERS: readonly string[][] = [
  ['sections'],
  ['sections', '*', 'prompts'],
  ['sectionChoices'],
  ['theme'],
  ['grading', 'domains'],
];

const MAX_VALUE = 200;
const MAX_FIELD = 200;

type Change = Omit<TrailEntry, 'id' | 'auditId' | 'at' | 'actorId'>;

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null;

const isRecordContainer = (path: readonly string[]) =>
  RECORD_CONTAINERS.some((p) => p.length === path.length && p.every((seg, i) => seg === '*' || seg === path[i]));

const coded = (v: unknown): string | null => (v === undefined || v === null ? null : String(v).slice(0, MAX_VALUE));

const fieldOf = (path: readonly string[]) => path.join('.').slice(0, MAX_FIELD);

function childKeys(before: unknown, after: unknown): string[] {
  const keys = (v: unknown) => (isContainer(v) ? Object.keys(v) : []);
  const seen = new Set(keys(after));
  return [...seen, ...keys(before).filter((k) => !seen.has(k))];
}

function child(v: unknown, key: string): unknown {
  if (Array.isArray(v)) return v[Number(key)];
  return isContainer(v) ? (v as Record<string, unknown>)[key] : undefined;
}

/**
 * `name` is the schema property the value sits under (array elements inherit their array's
 * name); null when the value sits under a data-defined record key.
 */
function walk(before: unknown, after: unknown, path: string[], name: string | null, out: Change[]): void {
  if (isContainer(before) || isContainer(after)) {
    const lenBefore = Array.isArray(before) ? before.length : 0;
    const lenAfter = Array.isArray(after) ? after.length : 0;
    if ((Array.isArray(before) || Array.isArray(after)) && lenBefore !== lenAfter) {
      out.push({ kind: 'field', field: fieldOf([...path, 'length']), before: String(lenBefore), after: String(lenAfter), textLengths: null });
    }
    const underRecord = isRecordContainer(path);
    for (const key of childKeys(before, after)) {
      const isIndex = Array.isArray(before) || Array.isArray(after);
      const childName = isIndex ? name : underRecord ? null : key;
      walk(child(before, key), child(after, key), [...path, key], childName, out);
    }
    return;
  }
  const isText = (typeof before === 'string' || typeof after === 'string') && (name === null || !CODED_LEAVES.has(name));
  if (isText) {
    const b = typeof before === 'string' ? before : '';
    const a = typeof after === 'string' ? after : '';
    if (a !== b) {
      out.push({ kind: 'field', field: fieldOf(path), before: null, after: null, textLengths: { before: b.length, after: a.length } });
    }
    return;
  }
  // Coded strings, and booleans, numbers and nulls (which cannot carry words).
  const b = coded(before);
  const a = coded(after);
  if (a !== b || (before ?? null) !== (after ?? null)) {
    out.push({ kind: 'field', field: fieldOf(path), before: b, after: a, textLengths: null });
  }
}

/**
 * The trail entries for one save of an audit: what changed in its status, due date, auditor,
 * final grade and form. Coded values keep before → after; free text keeps only its lengths.
 */
export function diffAuditForTrail(before: Audit | null, after: Audit, actorId: string, at: string, newId: () => string): TrailEntry[] {
  const changes: Change[] = [];
  if (before === null) {
    changes.push({ kind: 'created', field: 'status', before: null, after: after.status, textLengths: null });
  } else {
    if (before.status !== after.status) {
      changes.push({ kind: 'status', field: 'status', before: before.status, after: after.status, textLengths: null });
    }
    walk(before.dueDate, after.dueDate, ['dueDate'], 'dueDate', changes);
    walk(before.auditorId, after.auditorId, ['auditorId'], 'auditorId', changes);
    walk(before.finalGrade, after.finalGrade, ['finalGrade'], 'finalGrade', changes);
    walk(before.form, after.form, [], null, changes);
  }
  return changes.map((c) => ({ id: newId(), auditId: after.id, at, actorId, ...c }));
}
