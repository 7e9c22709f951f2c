import { z } from 'zod';
import {
  apiError,
  reassignmentListResponse,
  reassignmentResolveResponse,
  auditorCandidatesResponse,
  roundListResponse,
  auditDetail,
  auditSummaryPage,
  createRoundRequest,
  publishRequest,
  publishResponse,
  roundDeliveryResponse,
  removeRequest,
  roundPreview,
  swapRequest,
  demoSignInRequest,
  demoUser,
  importCommitRequest,
  importCommitResponse,
  importPreviewRequest,
  importPreviewResponse,
  me,
  saveFormRequest,
  saveFormResponse,
  saveFormDeferred,
  submitRefused,
  submitRequest,
  trailResponse,
} from '../../shared/api/contracts';
import { meetingListResponse, meetingProposalView, meetingResponseRequest } from '../../shared/api/meetingContracts';
import { actionListResponse, actionView, approveActionRequest, markActionDoneRequest, returnActionRequest } from '../../shared/api/actionContracts';
import { swapCandidatesResponse } from '../../shared/api/swapCandidateContracts';
import {
  acknowledgeConcernRequest,
  caseOfConcernRegisterResponse,
  caseOfConcernTextRequest,
  caseOfConcernView,
  closeCaseOfConcernRequest,
  escalateCaseOfConcernRequest,
  raiseCaseOfConcernRequest,
  urgentConcernListResponse,
  urgentConcernView,
} from '../../shared/api/concernContracts';
import { directorySyncRequest, directorySyncStatus } from '../../shared/api/directoryContracts';
import { reassignCandidatesResponse, reassignRequest, reassignResponse } from '../../shared/api/reassignContracts';
import { closeRoundPreview, closeRoundRequest, closeRoundResponse } from '../../shared/api/roundCloseContracts';
import { escalateRequest, escalateResponse, overdueListResponse } from '../../shared/api/chasingContracts';
import {
  askExemptionRequest,
  decideExemptionRequest,
  exemptionDecisionResponse,
  exemptionListResponse,
  exemptionView,
  lineManagerViewRequest,
  withdrawExemptionRequest,
} from '../../shared/api/exemptionContracts';
import { coverOptionsResponse, coverView, setCoverRequest, setCoverResponse } from '../../shared/api/coverContracts';

interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  body?: z.ZodType;
  response: z.ZodType;
  errors?: Record<string, z.ZodType>;
  query?: Record<string, string>;
  /** The success status when it is not 200 (202: started, ask again for the outcome). */
  status?: 202;
}

/** The API as the server validates it: every body and response refers to the same zod schema. */
const routes: RouteDoc[] = [
  { method: 'get', path: '/api/session', summary: 'The signed-in user', response: me },
  { method: 'get', path: '/api/session/demo-users', summary: 'Demo users to sign in as (local mode only)', response: z.array(demoUser) },
  { method: 'post', path: '/api/session/demo', summary: 'Sign in as a demo user (local mode only)', body: demoSignInRequest, response: me },
  { method: 'post', path: '/api/session/sign-out', summary: 'Sign out', response: z.object({ signedOut: z.boolean() }) },
  { method: 'get', path: '/api/my/audits', summary: 'Audits allocated to me: to do first, then finished', response: auditSummaryPage },
  { method: 'get', path: '/api/team/audits', summary: "A managed team's audits", response: auditSummaryPage, query: { teamId: 'team id (defaults to my first managed team)' } },
  { method: 'get', path: '/api/audits/{id}', summary: 'One audit with its template, proposals and related records', response: auditDetail },
  { method: 'put', path: '/api/audits/{id}/form', summary: 'Autosave the audit form (conditional on etag); 202 when over the autosave budget: not saved yet, send again after retryAfterMs', body: saveFormRequest, response: saveFormResponse, errors: { '202': saveFormDeferred, '409': apiError } },
  { method: 'post', path: '/api/audits/{id}/submit', summary: 'Submit the audit', body: submitRequest, response: auditDetail, errors: { '409': apiError, '422': submitRefused } },
  { method: 'get', path: '/api/audits/{id}/trail', summary: "The audit's trail of changes", response: trailResponse },
  { method: 'get', path: '/api/audits/{id}/meetings', summary: "Meeting times proposed by the case's worker or team manager, for whoever may read the audit", response: meetingListResponse, errors: { '404': apiError } },
  { method: 'post', path: '/api/audits/{id}/meetings/{meetingId}/response', summary: "The auditor accepts or declines a proposed meeting time (conditional on the proposal's etag); repeating the same answer changes nothing", body: meetingResponseRequest, response: meetingProposalView, errors: { '404': apiError, '409': apiError } },
  { method: 'get', path: '/api/staff/auditor-candidates', summary: 'Active staff who can audit, to choose a round\'s auditors (QA leads, PSW)', response: auditorCandidatesResponse },
  { method: 'get', path: '/api/rounds', summary: 'Rounds of one month (QA leads, PSW)', response: roundListResponse, query: { month: 'the month as YYYY-MM (required)' } },
  { method: 'post', path: '/api/rounds', summary: 'Draft an audit round and allocate its cases (QA leads, PSW)', body: createRoundRequest, response: roundPreview },
  { method: 'get', path: '/api/rounds/{id}', summary: "Preview a round's allocations, with why each was made", response: roundPreview },
  { method: 'post', path: '/api/rounds/{id}/swap', summary: 'Give an auditor another case; the allocation rules decide', body: swapRequest, response: roundPreview, errors: { '409': apiError } },
  { method: 'post', path: '/api/rounds/{id}/remove', summary: 'Take a case out of a draft round', body: removeRequest, response: roundPreview, errors: { '409': apiError } },
  { method: 'post', path: '/api/rounds/{id}/publish', summary: 'Publish a round: one audit per allocation; repeating it creates nothing twice', body: publishRequest, response: publishResponse, errors: { '409': apiError } },
  { method: 'get', path: '/api/rounds/{id}/close', summary: 'What closing a published round would remove from the case register, in counts (QA leads, PSW)', response: closeRoundPreview, errors: { '409': apiError } },
  { method: 'post', path: '/api/rounds/{id}/close', summary: 'Close a published round and purge the case register; repeating it finishes or repeats the purge', body: closeRoundRequest, response: closeRoundResponse, errors: { '409': apiError } },
  { method: 'get', path: '/api/rounds/{id}/delivery', summary: "Where a round's allocation cards have got to, and who cannot be reached (QA leads, PSW)", response: roundDeliveryResponse },
  { method: 'post', path: '/api/imports/staff/preview', summary: 'Check a staff directory CSV (QA leads, PSW, administrators); saves nothing', body: importPreviewRequest, response: importPreviewResponse },
  { method: 'post', path: '/api/imports/staff/commit', summary: "Save a staff directory CSV's accepted rows, checked again on the server", body: importCommitRequest, response: importCommitResponse, errors: { '409': apiError } },
  { method: 'get', path: '/api/directory/sync', summary: 'Whether staff come from Entra groups, and the last sync since this instance started (QA leads, PSW, administrators)', response: directorySyncStatus },
  { method: 'post', path: '/api/directory/sync', summary: 'Start bringing the staff directory in line with the Entra groups (202; GET gives the outcome); confirmLeavers is for administrators', body: directorySyncRequest, response: directorySyncStatus, status: 202, errors: { '403': apiError, '409': apiError } },
  { method: 'post', path: '/api/imports/cases/preview', summary: 'Check an open-case register CSV (QA leads, PSW, administrators); saves nothing', body: importPreviewRequest, response: importPreviewResponse },
  { method: 'post', path: '/api/imports/cases/commit', summary: "Save an open-case register CSV's accepted rows, checked again on the server", body: importCommitRequest, response: importCommitResponse, errors: { '409': apiError } },
  { method: 'get', path: '/api/reassignment-requests', summary: "Open requests to reassign an audit, oldest first (QA leads, PSW)", response: reassignmentListResponse, query: { status: "Only 'open' for now" } },
  { method: 'post', path: '/api/reassignment-requests/{id}/resolve', summary: 'Mark a request to reassign as dealt with; repeating it changes nothing', response: reassignmentResolveResponse, errors: { '404': apiError } },
  { method: 'get', path: '/api/rounds/{id}/swap-candidates', summary: "Cases that could be swapped in for one allocation of a draft round, with whether the rules allow each and why (QA leads, PSW)", response: swapCandidatesResponse, query: { caseId: 'the allocated case to swap out (required)', q: 'part of a case reference or team name', cursor: "the previous page's next", limit: '1 to 100, default 25' } },
  { method: 'get', path: '/api/reassignment-requests/{id}/candidates', summary: 'Staff who could take the audit, each with any conflict of interest (QA leads, PSW)', response: reassignCandidatesResponse, errors: { '404': apiError, '409': apiError } },
  { method: 'post', path: '/api/reassignment-requests/{id}/reassign', summary: 'Pass the audit to another auditor and resolve the request; repeating it changes nothing', body: reassignRequest, response: reassignResponse, errors: { '404': apiError, '409': apiError } },
  { method: 'get', path: '/api/team/teams', summary: 'Teams whose audits I may see (managers: theirs; QA leads: all)', response: z.array(z.object({ id: z.string(), name: z.string() })) },
  { method: 'get', path: '/api/actions/mine', summary: 'My actions (as their owner), soonest due first', response: actionListResponse, query: { status: 'open, done or approved', overdue: 'true or false', cursor: "the previous page's next", limit: '1 to 200, default 100' } },
  { method: 'get', path: '/api/actions/team', summary: 'Actions of the teams I manage or cover as deputy (managers, Heads of Service)', response: actionListResponse, query: { teamId: 'one of my teams', ownerId: "the action's owner", status: 'open, done or approved', overdue: 'true or false', cursor: "the previous page's next", limit: '1 to 200, default 100' } },
  { method: 'get', path: '/api/actions', summary: 'The action tracker: every team (QA leads, senior managers) or my services (Heads of Service)', response: actionListResponse, query: { teamId: 'one team', status: 'open, done or approved', overdue: 'true or false', dueBefore: 'due on or before, YYYY-MM-DD', cursor: "the previous page's next", limit: '1 to 200, default 100' } },
  { method: 'post', path: '/api/actions/{id}/done', summary: "The owner marks an action done with a note of the evidence (conditional on the action's version)", body: markActionDoneRequest, response: actionView, errors: { '404': apiError, '409': apiError } },
  { method: 'post', path: '/api/actions/{id}/approve', summary: "The accountable manager or their deputy approves an action marked done; never one's own", body: approveActionRequest, response: actionView, errors: { '404': apiError, '409': apiError } },
  { method: 'post', path: '/api/actions/{id}/return', summary: 'The accountable manager or their deputy returns an action to its owner with a reason', body: returnActionRequest, response: actionView, errors: { '404': apiError, '409': apiError } },
  { method: 'post', path: '/api/rounds/{id}/delivery/retry', summary: "Put a round's failed and unreachable notifications back in the queue (QA leads, PSW)", response: roundDeliveryResponse },
  { method: 'get', path: '/api/chasing/overdue', summary: 'Overdue audits by auditor, with a prepared notice to the line manager (QA leads, PSW)', response: overdueListResponse },
  { method: 'post', path: '/api/chasing/escalate', summary: "Send the prepared notice to the auditor's line manager; at most once a day per auditor", body: escalateRequest, response: escalateResponse, errors: { '409': apiError } },
  { method: 'post', path: '/api/chasing/escalate-next-tier', summary: "Send the notice about repeated misses to the line manager's manager; at most once a day per auditor", body: escalateRequest, response: escalateResponse, errors: { '409': apiError } },
  { method: 'post', path: '/api/exemptions', summary: 'Ask to be excused from auditing for some months (for yourself only)', body: askExemptionRequest, response: exemptionView, errors: { '409': apiError } },
  { method: 'get', path: '/api/exemptions/mine', summary: 'My requests to be excused', response: exemptionListResponse },
  { method: 'get', path: '/api/exemptions/awaiting-my-view', summary: "Requests from people I line-manage (or deputise for), waiting for my view", response: exemptionListResponse },
  { method: 'get', path: '/api/exemptions/undecided', summary: 'Requests waiting for a decision (QA leads, PSW)', response: exemptionListResponse },
  { method: 'get', path: '/api/exemptions/recent-decisions', summary: 'Requests decided in the last 30 days (QA leads, PSW)', response: exemptionListResponse },
  { method: 'post', path: '/api/exemptions/{id}/line-manager-view', summary: "The line manager's (or deputy's) view, given once (conditional on etag)", body: lineManagerViewRequest, response: exemptionView, errors: { '409': apiError } },
  { method: 'post', path: '/api/exemptions/{id}/decision', summary: 'Agree or refuse (QA leads, PSW; never one’s own request); lists audits that then need reassigning', body: decideExemptionRequest, response: exemptionDecisionResponse, errors: { '409': apiError } },
  { method: 'post', path: '/api/exemptions/{id}/withdraw', summary: 'Withdraw my request while it is undecided (conditional on etag)', body: withdrawExemptionRequest, response: exemptionView, errors: { '409': apiError } },
  { method: 'get', path: '/api/concerns/urgent', summary: 'Urgent concerns awaiting acknowledgement: those I may acknowledge, my teams\' (managers, Heads of Service), all (quality assurance)', response: urgentConcernListResponse },
  { method: 'get', path: '/api/concerns/{id}', summary: 'One urgent concern, for the managers it went to, its raiser, its teams\' managers and quality assurance', response: urgentConcernView, errors: { '403': apiError, '404': apiError } },
  { method: 'post', path: '/api/concerns/{id}/acknowledge', summary: 'The team manager, their deputy or (once escalated) the Head of Service records the immediate action being taken; exactly once (409 with the concern as it is now)', body: acknowledgeConcernRequest, response: urgentConcernView, errors: { '403': apiError, '404': apiError, '409': apiError } },
  { method: 'get', path: '/api/cases-of-concern', summary: 'The cases of concern register as I may see it, with the proposals from audits I may decide', response: caseOfConcernRegisterResponse, query: { teamId: 'one of my teams', status: 'all, open, responded or closed' } },
  { method: 'post', path: '/api/cases-of-concern', summary: "Raise an entry with a reason: from an audit (its auditor or a QA lead) or on a case by reference (QA leads); alerts the team manager and Head of Service", body: raiseCaseOfConcernRequest, response: caseOfConcernView, errors: { '403': apiError, '404': apiError } },
  { method: 'post', path: '/api/cases-of-concern/proposals/{id}/not-needed', summary: "An audit's proposed entry is not needed (its auditor or a QA lead)", response: z.object({ ok: z.literal(true) }), errors: { '403': apiError, '409': apiError } },
  { method: 'post', path: '/api/cases-of-concern/{id}/respond', summary: "The manager's side responds (conditional on etag)", body: caseOfConcernTextRequest, response: caseOfConcernView, errors: { '403': apiError, '409': apiError } },
  { method: 'post', path: '/api/cases-of-concern/{id}/follow-ups', summary: 'Anyone involved adds a follow-up (conditional on etag)', body: caseOfConcernTextRequest, response: caseOfConcernView, errors: { '403': apiError, '409': apiError } },
  { method: 'post', path: '/api/cases-of-concern/{id}/escalate', summary: 'Anyone involved escalates it to someone, who is alerted (conditional on etag)', body: escalateCaseOfConcernRequest, response: caseOfConcernView, errors: { '403': apiError, '409': apiError } },
  { method: 'post', path: '/api/cases-of-concern/{id}/close', summary: 'A QA lead or the Head of Service closes it once responded to (conditional on etag)', body: closeCaseOfConcernRequest, response: caseOfConcernView, errors: { '403': apiError, '409': apiError } },
  { method: 'get', path: '/api/staff/{id}/cover', summary: "A person's away status and who covers them (the person, their line manager, QA leads, PSW, administrators)", response: coverView, errors: { '404': apiError } },
  { method: 'get', path: '/api/staff/{id}/cover/options', summary: 'Colleagues with management duties to choose as deputy, and whom this person covers for (same people)', response: coverOptionsResponse, errors: { '404': apiError } },
  { method: 'put', path: '/api/staff/{id}/cover', summary: "Mark a person away or back and name their deputy (conditional on the staff record's etag; repeating it changes nothing); warnings say what is left uncovered", body: setCoverRequest, response: setCoverResponse, errors: { '404': apiError, '409': apiError } },
  { method: 'get', path: '/api/demo/files/{file}', summary: "The demo council's staff directory or open-case register as CSV, to try the imports (local mode with demo data; importers only)", response: z.string() },
];

/** Fastify's `/x/:id` as OpenAPI's `/x/{id}`. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

/** Registered API routes with no entry in the document (a test keeps this empty). */
export function undocumentedRoutes(registered: readonly { method: string; url: string }[]): string[] {
  const documented = new Set(routes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
  return registered
    .filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json' && r.url !== '/api/messages' && r.method !== 'HEAD')
    .map((r) => `${r.method} ${openApiPath(r.url)}`)
    .filter((key) => !documented.has(key));
}

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) } });

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const parameters = [
      ...[...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(r.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } })),
    ];
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: { description: r.status === 202 ? 'Accepted: started' : 'OK', content: json(r.response) },
      '400': { description: 'A field was not accepted: `fields` names each one', content: json(apiError) },
      '401': { description: 'Not signed in', content: json(apiError) },
      '403': { description: 'Not allowed', content: json(apiError) },
    };
    for (const [code, schema] of Object.entries(r.errors ?? {})) responses[code] = { description: code === '409' ? 'Conflict' : 'Refused', content: json(schema) };
    paths[r.path] = {
      ...paths[r.path],
      [r.method]: {
        summary: r.summary,
        ...(parameters.length ? { parameters } : {}),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { unrepresentable: 'any', io: 'input' }) } } } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Practice Audit API', version: '0.1.0', description: "The tab's REST API. Every body and parameter is validated; a 400 names the field and the reason." },
    servers: [{ url: serverUrl }],
    paths,
  };
}
