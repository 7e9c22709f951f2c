import type { ReassignmentListItem, ReassignmentListResponse } from '../../shared/api/contracts';
import type { ReassignmentRequest } from '../../shared/schemas/reassignments';
import { reassignmentRequestId } from '../../shared/schemas/reassignments';
import type { StaffMember } from '../../shared/schemas/staff';
import { mayBeReassigned } from '../../shared/lifecycle/auditLifecycle';
import { AppError } from '../http/appError';
import type { PageRequest, Store } from '../store/storeInterface';

export interface ReassignmentServiceDeps {
  store: Pick<Store, 'audits' | 'reassignments' | 'staff'>;
  clock: () => Date;
}

/** What became of an auditor's "can't do this". Refusals say why, never anything about the child. */
export type ReassignmentOutcome =
  | { kind: 'sent'; caseRef: string; initials: string; alreadySent: boolean }
  | { kind: 'notYourAudit' }
  | { kind: 'tooLate'; caseRef: string; initials: string };


const isReassigner = (user: StaffMember) => user.jobRoles.some((r) => r === 'qaLead' || r === 'principalSocialWorker');

/**
 * Auditors asking the QA lead to reassign an audit, and the QA lead dealing with those requests.
 * The reason is kept but never logged: it may say something about the auditor or the case.
 */
export class ReassignmentService {
  constructor(private readonly deps: ReassignmentServiceDeps) {}

  /**
   * Records the auditor's request. Only the audit's own auditor may ask, and only while the audit
   * is 'allocated' or 'inProgress'. The card's version is deliberately not compared: a request
   * changes nothing on the audit, so a card built before the auditor saved a draft still counts.
   */
  async request(user: StaffMember, auditId: string, reason: string): Promise<ReassignmentOutcome> {
    const audit = await this.deps.store.audits.get(auditId);
    if (!audit || audit.auditorId !== user.id) return { kind: 'notYourAudit' };
    const { caseRef, initials } = audit.caseSnapshot;
    if (!mayBeReassigned(audit.status)) return { kind: 'tooLate', caseRef, initials };
    const n = (await this.deps.store.reassignments.countByAudit(auditId)) + 1;
    const { created } = await this.deps.store.reassignments.createOpen({
      id: reassignmentRequestId(auditId, n),
      auditId,
      auditorId: user.id,
      roundId: audit.roundId,
      reason: reason.trim(),
      status: 'open',
      createdAt: this.deps.clock().toISOString(),
      resolvedAt: null,
      resolvedById: null,
    });
    return { kind: 'sent', caseRef, initials, alreadySent: !created };
  }

  async listOpen(user: StaffMember, page?: PageRequest): Promise<ReassignmentListResponse> {
    this.assertReassigner(user);
    const found = await this.deps.store.reassignments.listByStatus('open', page);
    const items = await Promise.all(
      found.items.map(async (r): Promise<ReassignmentListItem> => {
        const [audit, auditor] = await Promise.all([this.deps.store.audits.get(r.auditId), this.deps.store.staff.get(r.auditorId)]);
        return {
          id: r.id,
          auditId: r.auditId,
          caseRef: audit?.caseSnapshot.caseRef ?? '',
          initials: audit?.caseSnapshot.initials ?? '',
          auditorName: auditor?.displayName ?? 'Unknown auditor',
          reason: r.reason,
          createdAt: r.createdAt,
        };
      }),
    );
    return { items, next: found.next };
  }

  async resolve(user: StaffMember, id: string): Promise<ReassignmentRequest> {
    this.assertReassigner(user);
    const existing = await this.deps.store.reassignments.get(id);
    if (!existing) throw new AppError('notFound', 'That request to reassign was not found.');
    return this.deps.store.reassignments.resolve(id, user.id, this.deps.clock().toISOString(), { outcome: 'dealtWith' });
  }

  private assertReassigner(user: StaffMember): void {
    if (!isReassigner(user)) throw new AppError('forbidden', 'Requests to reassign are dealt with by quality assurance leads and the principal social worker.');
  }
}
