import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { meetingResponseRequest, type MeetingListResponse, type MeetingProposalView } from '../../../shared/api/meetingContracts';
import { id } from '../../../shared/schemas/common';
import type { StaffMember } from '../../../shared/schemas/staff';
import type { MeetingService } from '../../meetings/meetingService';
import { AppError } from '../appError';
import { parseInput } from '../validation';

const auditParams = z.object({ id });
const responseParams = z.object({ id, meetingId: id });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/** Meeting times proposed for an audit: listed for whoever may read it, answered by its auditor. */
export function registerMeetingRoutes(app: FastifyInstance, meetings: MeetingService): void {
  app.get('/api/audits/:id/meetings', async (req): Promise<MeetingListResponse> => {
    const user = signedIn(req);
    const p = parseInput(auditParams, req.params, 'params');
    return meetings.list(user, p.id);
  });

  app.post('/api/audits/:id/meetings/:meetingId/response', async (req): Promise<MeetingProposalView> => {
    const user = signedIn(req);
    const p = parseInput(responseParams, req.params, 'params');
    const body = parseInput(meetingResponseRequest, req.body, 'body');
    return meetings.respond(user, p.id, p.meetingId, body);
  });
}
