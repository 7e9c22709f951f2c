import { describe, expect, it } from 'vitest';
import { isOrDeputises, staffActor } from './staffActor';

describe('staffActor', () => {
  const directory = [
    { id: 'tm_1', deputyId: 'dtm_1' },
    { id: 'tm_2', deputyId: 'dtm_1' },
    { id: 'tm_3', deputyId: 'other' },
    { id: 'dtm_1', deputyId: 'dtm_1' },
  ];
  it('lists whom a person deputises for, never themselves', () => {
    const actor = staffActor({ id: 'dtm_1', jobRoles: ['deputyTeamManager'], teamId: 't1', active: true }, directory);
    expect(actor.deputyOf).toEqual(['tm_1', 'tm_2']);
    expect(isOrDeputises(actor, 'tm_2')).toBe(true);
    expect(isOrDeputises(actor, 'dtm_1')).toBe(true);
    expect(isOrDeputises(actor, 'tm_3')).toBe(false);
    expect(isOrDeputises(actor, null)).toBe(false);
  });
});
