import type { Audit } from '../../shared/schemas/audits';
import type { AuditAction } from '../../shared/schemas/actions';
import type { StaffMember } from '../../shared/schemas/staff';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { AuditTypeLabels } from '../../shared/cards/cardInputs';
import type { TemplateCatalogue } from '../../shared/templates/templateCatalogue';
import { newActionsCard } from '../../shared/cards/newActionsCard';
import { actionApprovalCard } from '../../shared/cards/actionApprovalCard';
import { actionCardVersion, canApprove } from '../../shared/actions/actionLifecycle';
import { actionLabelsOf } from '../../shared/actions/actionLabel';
import { staffActor, type StaffActor } from '../../shared/access/staffActor';
import type { Store } from '../store/storeInterface';
import type { ActionLinks } from './actionLinks';
import { ACTION_CARD_SUBJECT } from './actionNotices';

export interface ActionCardDeps {
  store: Pick<Store, 'actions' | 'audits' | 'staff'>;
  templates: Pick<TemplateCatalogue, 'get'>;
  links: ActionLinks;
  labels: AuditTypeLabels;
}

const FORMER_STAFF = 'Former member of staff';
const UNLABELLED = 'An action of the audit';
const MAX_ACTIONS_PER_AUDIT = 50;

/**
 * The action cards as they stand now, rendered from the store: the owner's card of their actions
 * from an audit, and an approver's Approve / Return card. Used when a card is first sent, as the
 * answer to a card action, and for updates of cards already sent (each recipient sees the buttons
 * that are theirs: the server decides again when one is clicked).
 */
export class ActionCards {
  constructor(private readonly deps: ActionCardDeps) {}

  /** The subject kind this renders for card updates. */
  readonly subjectKind = ACTION_CARD_SUBJECT;

  /** Labels (section or position) of an audit's actions, by action id. */
  labelsOf(audit: Pick<Audit, 'id' | 'templateId' | 'templateVersion' | 'form'>): Map<string, string> {
    const template = this.deps.templates.get(audit.templateId, audit.templateVersion);
    return actionLabelsOf(audit.id, audit.form.actions, template?.sections ?? []);
  }

  labelOf(labels: ReadonlyMap<string, string>, actionId: string): string {
    return labels.get(actionId) ?? UNLABELLED;
  }

  async nameOf(staffId: string): Promise<string> {
    return (await this.deps.store.staff.get(staffId))?.displayName ?? FORMER_STAFF;
  }

  /** The person as the lifecycle sees them for this action: whether they deputise for its accountable manager. */
  async actorFor(person: Pick<StaffMember, 'id' | 'jobRoles' | 'teamId' | 'active'>, action: Pick<AuditAction, 'accountableManagerId'>): Promise<StaffActor> {
    const manager = await this.deps.store.staff.get(action.accountableManagerId);
    return staffActor(person, manager ? [manager] : []);
  }

  /** The owner's card of their actions from one audit; null when they own none there. */
  async ownerCard(auditId: string, ownerId: string, notice?: string): Promise<AdaptiveCard | null> {
    const audit = await this.deps.store.audits.get(auditId);
    if (!audit) return null;
    // An audit holds at most 50 actions; should more ever be stored, the card lists those still to do first.
    const mine = (await this.deps.store.actions.listByAudit(auditId))
      .filter((a) => a.ownerId === ownerId)
      .sort((a, b) => Number(a.status === 'approved') - Number(b.status === 'approved'))
      .slice(0, MAX_ACTIONS_PER_AUDIT);
    if (mine.length === 0) return null;
    const labels = this.labelsOf(audit);
    return newActionsCard(
      {
        auditType: audit.auditType,
        caseRef: audit.caseSnapshot.caseRef,
        initials: audit.caseSnapshot.initials,
        actions: mine.map((a) => ({
          actionId: a.id,
          version: actionCardVersion(a),
          label: this.labelOf(labels, a.id),
          dueDate: a.dueDate,
          status: a.status,
          returned: a.status === 'open' && !!a.returned,
        })),
        myActionsUrl: this.deps.links.myActions,
        ...(notice ? { notice } : {}),
      },
      this.deps.labels,
    );
  }

  /** The Approve / Return card as `viewerId` should see it; null for an action never marked done. */
  async approvalCard(action: AuditAction, viewerId: string, notice?: string): Promise<AdaptiveCard | null> {
    let state: Parameters<typeof actionApprovalCard>[0]['state'];
    if (action.status === 'done') state = { kind: 'awaiting' };
    else if (action.status === 'approved' && action.approvedById && action.approvedAt) state = { kind: 'approved', by: await this.nameOf(action.approvedById), at: action.approvedAt };
    else if (action.status === 'open' && action.returned) state = { kind: 'returned', by: await this.nameOf(action.returned.byId), at: action.returned.at };
    else return null;
    const audit = await this.deps.store.audits.get(action.auditId);
    if (!audit) return null;
    const viewer = await this.deps.store.staff.get(viewerId);
    const canDecide = viewer !== null && viewer.active && canApprove(await this.actorFor(viewer, action), action).allowed;
    return actionApprovalCard({
      actionId: action.id,
      version: actionCardVersion(action),
      caseRef: audit.caseSnapshot.caseRef,
      initials: audit.caseSnapshot.initials,
      label: this.labelOf(this.labelsOf(audit), action.id),
      owner: await this.nameOf(action.ownerId),
      dueDate: action.dueDate,
      doneAt: action.doneAt,
      state,
      canDecide,
      openActionUrl: this.deps.links.teamActions,
      ...(notice ? { notice } : {}),
    });
  }

  /**
   * For card updates (bot/delivery/cardUpdates): the card `recipientId` holds about the action now —
   * the owner's card of new actions, or anyone else's Approve / Return card.
   */
  readonly render = async (actionId: string, recipientId: string): Promise<AdaptiveCard | null> => {
    const action = await this.deps.store.actions.get(actionId);
    if (!action) return null;
    if (recipientId === action.ownerId) return this.ownerCard(action.auditId, action.ownerId);
    return this.approvalCard(action, recipientId);
  };
}
