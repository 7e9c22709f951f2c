import { describe, expect, it } from 'vitest';
import { auditAccess, managedTeamIds, type AccessContext } from './auditAccess';
import type { JobRole } from '../schemas/staff';
import type { AuditStatus } from '../schemas/audits';

const ctx: AccessContext = {
  teams: [
    { id: 'team-a', serviceId: 'svc-1', managerId: 'tm-a' },
    { id: 'team-b', serviceId: 'svc-1', managerId: 'tm-b' },
    { id: 'team-c', serviceId: 'svc-2', managerId: 'tm-c' },
  ],
  services: [
    { id: 'svc-1', headOfServiceId: 'hos-1' },
    { id: 'svc-2', headOfServiceId: 'hos-2' },
  ],
  currentCaseWorkerId: 'sw-a',
  collaborative: true,
};
const person = (id: string, teamId: string | null, ...jobRoles: JobRole[]) => ({ id, teamId, jobRoles, active: true });
const audit = (status: AuditStatus = 'inProgress') => ({
  auditorId: 'aud',
  status,
  caseSnapshot: { teamId: 'team-a', workerId: 'sw-a' } as never,
});

describe('auditAccess', () => {
  it('lets the auditor read and edit while open, and only read after submission', () => {
    expect(auditAccess(person('aud', 'team-c', 'teamManager'), audit(), ctx)).toMatchObject({ canRead: true, canEdit: true, grantedBy: 'auditor' });
    expect(auditAccess(person('aud', 'team-c', 'teamManager'), audit('submitted'), ctx)).toMatchObject({ canRead: true, canEdit: false });
    expect(auditAccess(person('aud', 'team-c', 'teamManager'), audit('returnedForDevelopment'), ctx).canEdit).toBe(true);
  });
  it('refuses another auditor', () => {
    expect(auditAccess(person('other', 'team-c', 'teamManager'), audit(), ctx)).toMatchObject({ canRead: false, canEdit: false });
  });
  it("lets the case's worker read collaborative audits of their case, never edit", () => {
    expect(auditAccess(person('sw-a', 'team-a', 'worker'), audit(), ctx)).toMatchObject({ canRead: true, canEdit: false, grantedBy: 'caseWorker' });
  });
  it('hides a non-collaborative audit from the worker until it is submitted', () => {
    const deep = { ...ctx, collaborative: false };
    expect(auditAccess(person('sw-a', 'team-a', 'worker'), audit('inProgress'), deep).canRead).toBe(false);
    expect(auditAccess(person('sw-a', 'team-a', 'worker'), audit('submitted'), deep).canRead).toBe(true);
  });
  it('keeps an open deep dive from the case worker even when they are also a deputy manager of the team', () => {
    const deep = { ...ctx, collaborative: false };
    expect(auditAccess(person('sw-a', 'team-a', 'deputyTeamManager', 'worker'), audit('inProgress'), deep).canRead).toBe(false);
    expect(auditAccess(person('sw-a', 'team-a', 'deputyTeamManager', 'worker'), audit('submitted'), deep).canRead).toBe(true);
  });
  it('refuses a worker in the same team whose case it is not', () => {
    expect(auditAccess(person('sw-x', 'team-a', 'worker'), audit(), { ...ctx, currentCaseWorkerId: 'sw-a' }).canRead).toBe(false);
  });
  it("lets the team's manager and deputy read, but not a manager of another team", () => {
    expect(auditAccess(person('tm-a', 'team-a', 'teamManager'), audit(), ctx).grantedBy).toBe('teamManager');
    expect(auditAccess(person('dtm', 'team-a', 'deputyTeamManager'), audit(), ctx).grantedBy).toBe('teamManager');
    expect(auditAccess(person('tm-c', 'team-c', 'teamManager'), audit(), ctx).canRead).toBe(false);
  });
  it("lets the Head of Service read their service's audits only", () => {
    expect(auditAccess(person('hos-1', null, 'headOfService'), audit(), ctx).grantedBy).toBe('headOfService');
    expect(auditAccess(person('hos-2', null, 'headOfService'), audit(), ctx).canRead).toBe(false);
  });
  it('lets QA leads read everything, and flags reads from outside the case team', () => {
    expect(auditAccess(person('qa', null, 'qaLead'), audit(), ctx)).toMatchObject({ canRead: true, canEdit: false, outsideCaseTeam: true });
  });
  it('gives an administrator no access to case content', () => {
    expect(auditAccess(person('adm', null, 'administrator'), audit(), ctx).canRead).toBe(false);
  });
  it('refuses inactive staff', () => {
    expect(auditAccess({ ...person('aud', 'team-c', 'teamManager'), active: false }, audit(), ctx).canRead).toBe(false);
  });
});

describe('managedTeamIds', () => {
  it('covers recorded managers, managers within their team, and a Head of Service over their service', () => {
    expect(managedTeamIds(person('tm-a', 'team-a', 'teamManager'), ctx)).toEqual(['team-a']);
    expect(managedTeamIds(person('hos-1', null, 'headOfService'), ctx).sort()).toEqual(['team-a', 'team-b']);
    expect(managedTeamIds(person('sw-a', 'team-a', 'worker'), ctx)).toEqual([]);
  });
});
