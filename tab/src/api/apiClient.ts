import type { DirectorySyncStatus } from '../../../shared/api/directoryContracts';
import type { z } from 'zod';
import type {
  ApiError,
  AuditDetail,
  ImportCommitResponse,
  ImportPreviewResponse,
  ImportRegister,
  AuditorCandidatesResponse,
  PublishResponse,
  RoundListResponse,
  RoundPreview,
  CreateRoundRequest,
  RoundDeliveryResponse,
  ReassignmentListResponse,
  ReassignmentResolveResponse,
  AuditSummaryPage,
  Me,
  SaveFormResponse,
  SubmissionProblem,
  demoUser,
} from '../../../shared/api/contracts';
import { saveFormDeferred } from '../../../shared/api/contracts';
import type { AuditForm } from '../../../shared/schemas/audits';
import type { BearerTokens } from './bearerToken';
import type { ActionFilters, ActionListResponse, ActionView } from '../../../shared/api/actionContracts';
import type { EscalateResponse, OverdueListResponse } from '../../../shared/api/chasingContracts';
import type { MeetingListResponse, MeetingProposalView, MeetingResponseRequest } from '../../../shared/api/meetingContracts';
import type { CloseRoundPreview, CloseRoundResponse } from '../../../shared/api/roundCloseContracts';
import type { SwapCandidatesResponse } from '../../../shared/api/swapCandidateContracts';
import type { ReassignCandidatesResponse, ReassignResponse } from '../../../shared/api/reassignContracts';
import type {
  AcknowledgeConcernRequest,
  CaseOfConcernRegisterResponse,
  CaseOfConcernView,
  RaiseCaseOfConcernRequest,
  RegisterStatusFilter,
  UrgentConcernListResponse,
  UrgentConcernView,
} from '../../../shared/api/concernContracts';
import type { AskExemptionRequest, DecideExemptionRequest, ExemptionDecisionResponse, ExemptionListResponse, ExemptionView } from '../../../shared/api/exemptionContracts';
import type { CoverOptionsResponse, CoverView, SetCoverRequest, SetCoverResponse } from '../../../shared/api/coverContracts';

/**
 * The tab's only door to the server. Same origin, the session in an http-only cookie. Bodies are
 * typed by the shared contracts; the server validates them, so the tab does not ship zod on its
 * first page.
 */
export type DemoUser = z.infer<typeof demoUser>;
export interface TeamRef {
  id: string;
  name: string;
}
export type TeamAuditPage = AuditSummaryPage & { teamId?: string; teamName?: string };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
    readonly raw: unknown,
  ) {
    super(body.message);
    this.name = 'ApiFailure';
  }
}

/** Anything the server answers that is not a JSON ApiError becomes one, so callers handle one shape. */
function asApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && 'error' in body && 'message' in body) {
    const b = body as { error: unknown; message: unknown; fields?: unknown };
    if (typeof b.error === 'string' && typeof b.message === 'string') {
      const fields = Array.isArray(b.fields) ? (b.fields as ApiError['fields']) : undefined;
      return fields ? { error: b.error, message: b.message, fields } : { error: b.error, message: b.message };
    }
  }
  if (status === 0) return { error: 'network', message: 'Practice Audit could not reach the server. Check your connection.' };
  return { error: 'http', message: `The server answered ${status}. Try again in a moment.` };
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  body?: unknown;
  keepalive?: boolean;
  signal?: AbortSignal;
}

let bearerTokens: Promise<BearerTokens | null> = Promise.resolve(null);

/**
 * Inside Teams the tab sends its SSO token on every call (`Authorization: Bearer`); in a plain
 * browser (demo sign-in) the source resolves to null and calls carry only the session cookie.
 * Requests wait for the source, so the first call does not race Teams host detection.
 */
export function authorizeRequestsWith(source: Promise<BearerTokens | null>): void {
  bearerTokens = source.catch(() => null);
}

async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let response: Response;
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const tokens = await bearerTokens;
  const authorization = tokens ? await tokens.authorization() : null;
  try {
    response = await fetch(path, {
      method: opts.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(authorization ? { authorization } : {}),
      },
      body,
      // keepalive bodies are capped at 64 KiB by browsers; larger saves go the normal way.
      keepalive: opts.keepalive === true && body !== undefined && body.length < 60_000,
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiFailure(0, asApiError(0, null), null);
  }
  let json: unknown = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  // Refused: ask Teams afresh next time (a renewed token, or a retry after a failed getAuthToken).
  if (response.status === 401) tokens?.invalidate();
  if (!response.ok) throw new ApiFailure(response.status, asApiError(response.status, json), json);
  return json as T;
}

const cursorQuery = (cursor: string | null | undefined, extra: Record<string, string | undefined> = {}): string => {
  const params = new URLSearchParams();
  if (cursor) params.set('cursor', cursor);
  for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
};

/** The signed-in user, or null when nobody is signed in. */
export async function getSession(): Promise<Me | null> {
  try {
    return await request<Me>('/api/session');
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 401) return null;
    throw e;
  }
}

/** Demo users to sign in as; null when the server is in tenant mode (no demo sign-in). */
export async function getDemoUsers(): Promise<DemoUser[] | null> {
  try {
    return await request<DemoUser[]>('/api/session/demo-users');
  } catch (e) {
    if (e instanceof ApiFailure && e.status === 404) return null;
    throw e;
  }
}

export const demoSignIn = (staffId: string): Promise<Me> => request<Me>('/api/session/demo', { method: 'POST', body: { staffId } });

export const signOut = (): Promise<unknown> => request('/api/session/sign-out', { method: 'POST', body: {} });

export const getMyAudits = (cursor?: string | null): Promise<AuditSummaryPage> => request(`/api/my/audits${cursorQuery(cursor)}`);

export const getManagedTeams = (): Promise<TeamRef[]> => request('/api/team/teams');

export const getTeamAudits = (cursor?: string | null, teamId?: string): Promise<TeamAuditPage> =>
  request(`/api/team/audits${cursorQuery(cursor, { teamId })}`);

export const getAudit = (id: string): Promise<AuditDetail> => request(`/api/audits/${encodeURIComponent(id)}`);

/** How a save ended, for the autosave queue to decide what to do next. */
export type SaveOutcome =
  | { kind: 'saved'; response: SaveFormResponse }
  /** 409: changed elsewhere, or no longer editable: never retried. */
  | { kind: 'conflict'; error: ApiError }
  /** 400 / 403: refused as sent: retried only after the next change. */
  | { kind: 'refused'; error: ApiError }
  /** Network or server trouble: retried with backoff. */
  | { kind: 'failed'; error: ApiError }
  /** 202: the server's autosave budget is spent for now; nothing saved, send the newest form after the wait. */
  | { kind: 'deferred'; retryAfterMs: number };

export async function saveForm(id: string, etag: string, form: AuditForm, opts: { keepalive?: boolean } = {}): Promise<SaveOutcome> {
  try {
    const response = await request<unknown>(`/api/audits/${encodeURIComponent(id)}/form`, {
      method: 'PUT',
      body: { etag, form },
      keepalive: opts.keepalive ?? false,
    });
    const deferred = saveFormDeferred.safeParse(response);
    if (deferred.success) return { kind: 'deferred', retryAfterMs: deferred.data.retryAfterMs };
    return { kind: 'saved', response: response as SaveFormResponse };
  } catch (e) {
    if (!(e instanceof ApiFailure)) return { kind: 'failed', error: { error: 'network', message: String(e) } };
    if (e.status === 409) return { kind: 'conflict', error: e.body };
    if (e.status === 400 || e.status === 403 || e.status === 401 || e.status === 404) return { kind: 'refused', error: e.body };
    return { kind: 'failed', error: e.body };
  }
}

export type SubmitOutcome =
  | { kind: 'submitted'; detail: AuditDetail }
  | { kind: 'incomplete'; message: string; problems: SubmissionProblem[] }
  | { kind: 'error'; status: number; error: ApiError };

export async function submitAudit(id: string, etag: string): Promise<SubmitOutcome> {
  try {
    const detail = await request<AuditDetail>(`/api/audits/${encodeURIComponent(id)}/submit`, { method: 'POST', body: { etag } });
    return { kind: 'submitted', detail };
  } catch (e) {
    if (!(e instanceof ApiFailure)) return { kind: 'error', status: 0, error: { error: 'network', message: String(e) } };
    if (e.status === 422 && e.raw && typeof e.raw === 'object' && 'problems' in e.raw && Array.isArray(e.raw.problems)) {
      return { kind: 'incomplete', message: e.body.message, problems: e.raw.problems as SubmissionProblem[] };
    }
    return { kind: 'error', status: e.status, error: e.body };
  }
}

/** Checks a register file on the server; nothing is saved. */
/** A register file as the import routes take it: CSV text, or an Excel workbook as base64. */
export type ImportFile = { csv: string } | { xlsx: string };

export const previewImport = (register: ImportRegister, file: ImportFile): Promise<ImportPreviewResponse> =>
  request(`/api/imports/${register}/preview`, { method: 'POST', body: file });

/** Saves a register file's accepted rows; the server checks the file again and refuses if its count is not `acceptedCount`. */
export const commitImport = (register: ImportRegister, file: ImportFile, acceptedCount: number): Promise<ImportCommitResponse> =>
  request(`/api/imports/${register}/commit`, { method: 'POST', body: { ...file, acceptedCount } });

/** Whether staff come from Entra groups here, and the last sync (QA leads, PSW, administrators). */
export const getDirectorySync = (): Promise<DirectorySyncStatus> => request('/api/directory/sync');

/** Starts bringing the staff directory in line with the Entra groups; `confirmLeavers` is an administrator's confirmation. Ask getDirectorySync for the outcome. */
export const startDirectorySync = (confirmLeavers?: number): Promise<DirectorySyncStatus> =>
  request('/api/directory/sync', { method: 'POST', body: confirmLeavers === undefined ? {} : { confirmLeavers } });

/** Active staff who can audit, for a round's auditor pool (QA leads, PSW). */
export const getAuditorCandidates = (): Promise<AuditorCandidatesResponse> => request('/api/staff/auditor-candidates');

/** Rounds of one month (`YYYY-MM`). */
export const getRounds = (month: string): Promise<RoundListResponse> => request(`/api/rounds?month=${encodeURIComponent(month)}`);

/** Drafts a round and allocates its cases; nothing reaches auditors until it is published. */
export const createRound = (body: Partial<CreateRoundRequest> & Pick<CreateRoundRequest, 'month' | 'auditType' | 'auditorIds' | 'casesPerAuditor'>): Promise<RoundPreview> =>
  request('/api/rounds', { method: 'POST', body });

export const getRound = (id: string): Promise<RoundPreview> => request(`/api/rounds/${encodeURIComponent(id)}`);

export const removeFromRound = (id: string, caseId: string): Promise<RoundPreview> =>
  request(`/api/rounds/${encodeURIComponent(id)}/remove`, { method: 'POST', body: { caseId } });

/** Publishes a draft: one audit per allocation. `confirmConflicts` is the lead's tick for flagged allocations. */
export const publishRound = (id: string, confirmConflicts: boolean): Promise<PublishResponse> =>
  request(`/api/rounds/${encodeURIComponent(id)}/publish`, { method: 'POST', body: { confirmConflicts } });

/** What closing a published round would remove from the case register, in counts. */
export const getCloseRoundPreview = (id: string): Promise<CloseRoundPreview> => request(`/api/rounds/${encodeURIComponent(id)}/close`);

/** Closes a published round and purges the case register; on a closed round it finishes or repeats the purge. */
export const closeRound = (id: string, reason: string | null): Promise<CloseRoundResponse> =>
  request(`/api/rounds/${encodeURIComponent(id)}/close`, { method: 'POST', body: { reason } });

/** Where a published round's Teams messages have got to. */
export const getRoundDelivery = (id: string): Promise<RoundDeliveryResponse> => request(`/api/rounds/${encodeURIComponent(id)}/delivery`);

/** Puts a round's failed and undeliverable Teams messages back in the queue; returns the new counts. */
export const retryRoundDelivery = (id: string): Promise<RoundDeliveryResponse> =>
  request(`/api/rounds/${encodeURIComponent(id)}/delivery/retry`, { method: 'POST', body: {} });

/** Overdue audits by auditor, with a prepared notice to each auditor's line manager (QA leads, PSW). */
export const getOverdueAudits = (): Promise<OverdueListResponse> => request('/api/chasing/overdue');

/** Sends the prepared notice to the auditor's line manager; a second send the same day queues nothing. */
export const escalateOverdue = (auditorId: string): Promise<EscalateResponse> => request('/api/chasing/escalate', { method: 'POST', body: { auditorId } });

/** Sends the prepared notice to the line manager's own manager about an auditor whose misses repeat; once a day. */
export const escalateNextTier = (auditorId: string): Promise<EscalateResponse> => request('/api/chasing/escalate-next-tier', { method: 'POST', body: { auditorId } });

/** Open requests from auditors to reassign an audit (QA leads, PSW). */
export const getOpenReassignmentRequests = (): Promise<ReassignmentListResponse> => request('/api/reassignment-requests?status=open');

/** Marks a request to reassign as dealt with. */
export const resolveReassignmentRequest = (id: string): Promise<ReassignmentResolveResponse> =>
  request(`/api/reassignment-requests/${encodeURIComponent(id)}/resolve`, { method: 'POST', body: {} });

/** Requests to be excused from auditing: the signed-in auditor's own, newest first. */
export const getMyExemptions = (): Promise<ExemptionListResponse> => request('/api/exemptions/mine');

/** Asks, for the signed-in user, to be excused from auditing for some months. */
export const askExemption = (body: AskExemptionRequest): Promise<ExemptionView> => request('/api/exemptions', { method: 'POST', body });

export const withdrawExemption = (id: string, etag: string): Promise<ExemptionView> =>
  request(`/api/exemptions/${encodeURIComponent(id)}/withdraw`, { method: 'POST', body: { etag } });

/** Requests from the people the signed-in user line-manages (or deputises for) that wait for their view. */
export const getExemptionsAwaitingMyView = (): Promise<ExemptionListResponse> => request('/api/exemptions/awaiting-my-view');

export const giveExemptionView = (id: string, etag: string, supports: boolean, comment: string): Promise<ExemptionView> =>
  request(`/api/exemptions/${encodeURIComponent(id)}/line-manager-view`, { method: 'POST', body: { etag, supports, comment } });

/** Undecided requests, oldest first (QA leads, PSW). */
export const getUndecidedExemptions = (): Promise<ExemptionListResponse> => request('/api/exemptions/undecided');

/** Decisions of the last 30 days, newest first (QA leads, PSW). */
export const getRecentExemptionDecisions = (): Promise<ExemptionListResponse> => request('/api/exemptions/recent-decisions');

/** Agrees or refuses; an agreement lists the auditor's audits it now covers, which are left as they are. */
export const decideExemption = (id: string, body: DecideExemptionRequest & { etag: string }): Promise<ExemptionDecisionResponse> =>
  request(`/api/exemptions/${encodeURIComponent(id)}/decision`, { method: 'POST', body });

/** Cases that could be swapped in for one allocation of a draft round, with whether the rules allow each. */
export const getSwapCandidates = (roundId: string, caseId: string, q: string, cursor?: string | null): Promise<SwapCandidatesResponse> =>
  request(`/api/rounds/${encodeURIComponent(roundId)}/swap-candidates${cursorQuery(cursor, { caseId, q: q.trim() || undefined })}`);

/** Gives the auditor holding `caseId` the case `newCaseId` instead; `confirmConflicts` is the lead's tick for a linked case. */
export const swapInRound = (roundId: string, caseId: string, newCaseId: string, confirmConflicts: boolean): Promise<RoundPreview> =>
  request(`/api/rounds/${encodeURIComponent(roundId)}/swap`, { method: 'POST', body: { caseId, newCaseId, confirmConflicts } });

/** Staff who could take the audit a request is about, each with any link to the case. */
export const getReassignCandidates = (requestId: string): Promise<ReassignCandidatesResponse> =>
  request(`/api/reassignment-requests/${encodeURIComponent(requestId)}/candidates`);

/** Passes the audit to another auditor and resolves the request. */
export const reassignAudit = (requestId: string, body: { auditorId: string; etag: string; confirmConflicts: boolean }): Promise<ReassignResponse> =>
  request(`/api/reassignment-requests/${encodeURIComponent(requestId)}/reassign`, { method: 'POST', body });

/** Meeting times proposed for an audit by the case's worker or team manager, and whether I may answer them. */
export const getMeetings = (auditId: string): Promise<MeetingListResponse> => request(`/api/audits/${encodeURIComponent(auditId)}/meetings`);

/** The auditor accepts or declines a proposed meeting time; the proposer is told in Teams. */
export const respondToMeeting = (auditId: string, meetingId: string, body: MeetingResponseRequest): Promise<MeetingProposalView> =>
  request(`/api/audits/${encodeURIComponent(auditId)}/meetings/${encodeURIComponent(meetingId)}/response`, { method: 'POST', body });

/** Urgent concerns awaiting acknowledgement that I may see (mine to acknowledge first of all). */
export const getUrgentConcerns = (): Promise<UrgentConcernListResponse> => request('/api/concerns/urgent');

/** Records the immediate action being taken; a concern already acknowledged answers 409 with it as it is now. */
export const acknowledgeUrgentConcern = (id: string, body: AcknowledgeConcernRequest): Promise<UrgentConcernView> =>
  request(`/api/concerns/${encodeURIComponent(id)}/acknowledge`, { method: 'POST', body });

/** The cases of concern register as I may see it, with the proposals I may decide. */
export const getCasesOfConcern = (status: RegisterStatusFilter, teamId?: string): Promise<CaseOfConcernRegisterResponse> =>
  request(`/api/cases-of-concern${cursorQuery(null, { status, teamId })}`);

export const raiseCaseOfConcern = (body: RaiseCaseOfConcernRequest): Promise<CaseOfConcernView> => request('/api/cases-of-concern', { method: 'POST', body });

export const caseOfConcernNotNeeded = (concernId: string): Promise<{ ok: true }> =>
  request(`/api/cases-of-concern/proposals/${encodeURIComponent(concernId)}/not-needed`, { method: 'POST', body: {} });

/** respond, follow-ups, escalate or close one entry, with the etag it was read at. */
export const caseOfConcernStep = (
  id: string,
  step: 'respond' | 'follow-ups' | 'escalate' | 'close',
  body: { etag: string; text?: string; toId?: string; note?: string },
): Promise<CaseOfConcernView> => request(`/api/cases-of-concern/${encodeURIComponent(id)}/${step}`, { method: 'POST', body });

/** Action lists: `scope` picks My actions, Team actions or the service-wide tracker. */
export type ActionScope = 'mine' | 'team' | 'tracker';
const actionListPath: Record<ActionScope, string> = { mine: '/api/actions/mine', team: '/api/actions/team', tracker: '/api/actions' };

export const getActions = (scope: ActionScope, filters: Omit<ActionFilters, 'cursor' | 'limit'>, cursor?: string | null): Promise<ActionListResponse> =>
  request(
    `${actionListPath[scope]}${cursorQuery(cursor, {
      teamId: filters.teamId,
      ownerId: filters.ownerId,
      status: filters.status,
      overdue: filters.overdue === undefined ? undefined : String(filters.overdue),
      dueBefore: filters.dueBefore,
    })}`,
  );

export const markActionDone = (id: string, version: string, note: string): Promise<ActionView> =>
  request(`/api/actions/${encodeURIComponent(id)}/done`, { method: 'POST', body: { version, note } });

export const approveAction = (id: string, version: string): Promise<ActionView> => request(`/api/actions/${encodeURIComponent(id)}/approve`, { method: 'POST', body: { version } });

export const returnAction = (id: string, version: string, reason: string): Promise<ActionView> =>
  request(`/api/actions/${encodeURIComponent(id)}/return`, { method: 'POST', body: { version, reason } });

/** Away and cover: a person's away status and deputy (the person, their line manager, QA leads, PSW, administrators). */
export const getCover = (staffId: string): Promise<CoverView> => request(`/api/staff/${encodeURIComponent(staffId)}/cover`);

export const getCoverOptions = (staffId: string): Promise<CoverOptionsResponse> => request(`/api/staff/${encodeURIComponent(staffId)}/cover/options`);

export const setCover = (staffId: string, body: SetCoverRequest): Promise<SetCoverResponse> =>
  request(`/api/staff/${encodeURIComponent(staffId)}/cover`, { method: 'PUT', body });
