import type { ConflictError, DuplicateError, Store, WithETag } from '../store/storeInterface';
import { allPages } from '../store/storeInterface';
import { writePlanned } from './recordWrites';
import { jobRole, staffMember, type StaffMember } from '../../shared/schemas/staff';
import { childCase, type ChildCase } from '../../shared/schemas/cases';
import type { ImportCommitResponse, ImportPreviewResponse, ImportRegister } from '../../shared/api/contracts';
import { previewStaffImport, type StaffImportPreview } from '../../shared/imports/staffImport';
import { previewCaseImport, type CaseImportPreview } from '../../shared/imports/caseRegisterImport';
import { londonDate } from '../../shared/calendar/londonTime';
import { AppError } from '../http/appError';
import { mayImportRegisters } from '../../shared/access/importAccess';

export interface ImportServiceDeps {
  store: Store;
  clock: () => Date;
  /** Staff come from Entra groups (ENTRA_DIRECTORY_GROUPS): the staff import is refused, so there is one source of who works here. */
  staffFromEntra?: boolean;
}

/**
 * Staff directory and open-case register imports. Preview reads and writes nothing. Commit re-runs
 * the preview here on the server (the client's view of the file is never trusted), refuses when
 * the file has file-level errors or when its accepted count is not the one the lead confirmed
 * (the file, or the directory it was checked against, changed since), checks every record, and only
 * then writes.
 *
 * The store has no multi-record transactions, so "all or nothing" is reached by idempotence: ids
 * come from natural keys (the e-mail, the case reference) and a record already holding the same
 * values is not written again. If the service stops half-way through a commit, committing the same
 * file again finishes the job without duplicating anyone or any case.
 */
export class ImportService {
  constructor(private readonly deps: ImportServiceDeps) {}

  /** Refuses anyone who may not import; routes call it before reading the file. */
  assertCanImport(user: StaffMember): void {
    ImportService.authorise(user);
  }

  /**
   * With directory sync on, the sync marks anyone it once saw and no group holds as having left, so a
   * file-imported person would be switched off at the next night's run: one source only.
   */
  private refuseIfStaffFromEntra(): void {
    if (this.deps.staffFromEntra)
      throw new AppError('conflict', 'Staff come from the Entra groups here (ENTRA_DIRECTORY_GROUPS): change who is in the groups, then use "Sync now". The staff file import is off.');
  }

  private static authorise(user: StaffMember): void {
    if (!mayImportRegisters(user)) {
      throw new AppError('forbidden', 'Imports are for quality assurance leads, principal social workers and administrators.');
    }
  }

  async previewStaff(user: StaffMember, text: string): Promise<ImportPreviewResponse> {
    ImportService.authorise(user);
    this.refuseIfStaffFromEntra();
    return summarise('staff', await this.checkStaff(text));
  }

  async previewCases(user: StaffMember, text: string): Promise<ImportPreviewResponse> {
    ImportService.authorise(user);
    return summarise('cases', await this.checkCases(text));
  }

  async commitStaff(user: StaffMember, text: string, expectedCount: number): Promise<ImportCommitResponse> {
    ImportService.authorise(user);
    this.refuseIfStaffFromEntra();
    const preview = await this.checkStaff(text);
    refuseUnlessConfirmed(preview, expectedCount);
    // Check every record, and read what is held, before the first write.
    const plan: { next: StaffMember; held: WithETag<StaffMember> | null }[] = [];
    for (const row of preview.accepted) {
      const held = await this.deps.store.staff.get(row.staff.id);
      // What the directory import does not know about stays as it is: the Entra identity once seen, absence, leavers.
      const next = staffMember.parse(
        held === null ? row.staff : { ...row.staff, entraObjectId: held.entraObjectId, away: held.away, active: held.active },
      );
      plan.push({ next, held });
    }
    const counts = await writePlanned(plan, (s, etag) => this.deps.store.staff.put(s, etag), explainConflict('staff directory'));
    return { register: 'staff', acceptedCount: preview.accepted.length, ...counts };
  }

  async commitCases(user: StaffMember, text: string, expectedCount: number): Promise<ImportCommitResponse> {
    ImportService.authorise(user);
    const preview = await this.checkCases(text);
    refuseUnlessConfirmed(preview, expectedCount);
    const plan: { next: ChildCase; held: WithETag<ChildCase> | null }[] = [];
    for (const row of preview.accepted) {
      plan.push({ next: childCase.parse(row.childCase), held: await this.deps.store.cases.get(row.childCase.id) });
    }
    const counts = await writePlanned(plan, (c, etag) => this.deps.store.cases.put(c, etag), explainConflict('case register'));
    return { register: 'cases', acceptedCount: preview.accepted.length, ...counts };
  }

  private async checkStaff(text: string): Promise<StaffImportPreview> {
    const [teams, staff] = await Promise.all([this.deps.store.teams.listAll(), this.allStaff()]);
    return previewStaffImport(text, { teams, staff });
  }

  private async checkCases(text: string): Promise<CaseImportPreview> {
    const teams = await this.deps.store.teams.listAll();
    const staff = await this.allStaff();
    const cases: ChildCase[] = [];
    for (const team of teams) cases.push(...(await allPages((page) => this.deps.store.cases.listByTeam(team.id, page))));
    return previewCaseImport(text, { teams, staff, cases, today: londonDate(this.deps.clock()) });
  }

  /** Everyone in the directory: every person holds at least one job role, so the role lists cover them all. */
  private async allStaff(): Promise<StaffMember[]> {
    const byId = new Map<string, StaffMember>();
    for (const role of jobRole.options) {
      for (const s of await allPages((page) => this.deps.store.staff.listByRole(role, page))) byId.set(s.id, s);
    }
    return [...byId.values()];
  }
}

function summarise(register: ImportRegister, preview: StaffImportPreview | CaseImportPreview): ImportPreviewResponse {
  return {
    register,
    rowCount: preview.rowCount,
    acceptedCount: preview.accepted.length,
    rejectedRowCount: new Set(preview.rejected.map((r) => r.line)).size,
    fileErrors: preview.fileErrors,
    rejected: preview.rejected,
    warnings: 'warnings' in preview ? preview.warnings : [],
    notes: preview.notes,
  };
}

function refuseUnlessConfirmed(preview: StaffImportPreview | CaseImportPreview, expectedCount: number): void {
  if (preview.fileErrors.length > 0) {
    throw new AppError('invalid', `The file cannot be imported: ${preview.fileErrors.map((e) => e.reason).join('; ')}. Nothing was saved.`);
  }
  if (preview.accepted.length !== expectedCount) {
    throw new AppError(
      'conflict',
      `The file now gives ${preview.accepted.length} rows to import, not the ${expectedCount} you confirmed: it, or the records it is checked against, changed. Preview it again. Nothing was saved.`,
      { acceptedCount: preview.accepted.length },
    );
  }
}

/** A record changed by someone else mid-commit stops the commit with advice to import again. */
function explainConflict(register: string): (e: ConflictError | DuplicateError) => never {
  return (e) => {
    throw new AppError(
      'conflict',
      `Someone changed the ${register} while it was being imported (${e.message}). Import the same file again: rows already saved are not saved twice.`,
    );
  };
}
