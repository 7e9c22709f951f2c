import { describe, expect, it } from 'vitest';
import { activeSectionIds, evaluateCondition, proposeSections } from './sectionProposals';
import { builtInTemplates, TemplateCatalogue } from './templateCatalogue';
import { computeLookBack } from './lookBack';
import { caseSnapshot, type CaseSnapshot, type LookBackPeriod } from '../schemas/audits';
import type { SectionCondition } from '../schemas/templates';
import { defaultAuditTypeSettings } from '../settings/auditTypeSettings';
import type { SectionProposal } from '../api/contracts';

const catalogue = new TemplateCatalogue(builtInTemplates());
const childsJourney = catalogue.latest('childs-journey');
const managers = catalogue.latest('managers-monthly');

const snapshot = (over: Partial<CaseSnapshot>): CaseSnapshot =>
  caseSnapshot.parse({
    caseRef: 'CR-2002',
    initials: 'CD',
    teamId: 'team-a',
    workerId: 'sw-1',
    legalStatus: 'childInNeed',
    legalStatusHistory: [],
    livingSituation: 'withFamily',
    disability: false,
    ageYears: 8,
    ageBand: '5-9',
    mostRecentReferral: null,
    ...over,
  });

const allocatedOn = '2026-09-15';
const monthly = computeLookBack(defaultAuditTypeSettings.childsJourneyMonthly.lookBack, allocatedOn, null); // from 15/09/2025
const deepDive = computeLookBack(defaultAuditTypeSettings.deepDive.lookBack, allocatedOn, null); // from 15/09/2024

const byId = (proposals: SectionProposal[]) => new Map(proposals.map((p) => [p.sectionId, p]));
const proposedIds = (proposals: SectionProposal[]) => proposals.filter((p) => p.proposed).map((p) => p.sectionId);

describe('proposeSections for the Child\'s Journey tool', () => {
  it('gives one proposal per section, in template order, each with a reason', () => {
    const proposals = proposeSections(childsJourney, snapshot({}), monthly);
    expect(proposals.map((p) => p.sectionId)).toEqual(childsJourney.sections.map((s) => s.id));
    for (const p of proposals) expect(p.reason.length).toBeGreaterThan(5);
  });

  it('a 17-year-old care leaver in supported living, previously in care, never on CP: 9 and 10 proposed, 1d not', () => {
    const s = snapshot({
      legalStatus: 'careLeaver',
      legalStatusHistory: [
        { status: 'childInCare', from: '2021-04-01', to: '2026-03-01' },
        { status: 'careLeaver', from: '2026-03-02', to: null },
      ],
      livingSituation: 'supportedLiving',
      ageYears: 17,
      ageBand: '16-17',
    });
    const proposals = proposeSections(childsJourney, s, monthly);
    expect(proposedIds(proposals)).toEqual(['profile', '1b', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const p = byId(proposals);
    expect(p.get('9')!.reason).toContain('Child in care from 01/04/2021 to 01/03/2026');
    expect(p.get('9')!.reason).toContain('Care leaver from 02/03/2026, still current');
    expect(p.get('9')!.reason).toContain('within the look-back');
    expect(p.get('10')!.reason).toBe('Aged 17 at allocation (16 or over); Living situation: Supported living');
    expect(p.get('1d')!.proposed).toBe(false);
    expect(p.get('1d')!.reason).toMatch(/^No period of child protection .* recorded during the look-back \(15\/09\/2025 to 15\/09\/2026\)$/);
  });

  it('child protection that ended before the look-back: 1d not proposed, and the reason says when it ended', () => {
    const s = snapshot({ legalStatusHistory: [{ status: 'childProtection', from: '2024-01-10', to: '2025-09-14' }] });
    const p = byId(proposeSections(childsJourney, s, monthly)).get('1d')!;
    expect(p.proposed).toBe(false);
    expect(p.reason).toContain('ended 14/09/2025');
    expect(p.reason).toContain('outside the look-back');
  });

  it('child protection ending inside the look-back, even on its first day: 1d proposed', () => {
    for (const to of ['2025-09-15', '2026-01-31']) {
      const s = snapshot({ legalStatusHistory: [{ status: 'childProtection', from: '2024-01-10', to }] });
      expect(byId(proposeSections(childsJourney, s, monthly)).get('1d')!.proposed).toBe(true);
    }
  });

  it('a period starting on the allocation day overlaps; one starting after it does not', () => {
    const on = snapshot({ legalStatusHistory: [{ status: 'earlyHelp', from: allocatedOn, to: null }] });
    const after = snapshot({ legalStatusHistory: [{ status: 'earlyHelp', from: '2026-09-16', to: null }] });
    expect(byId(proposeSections(childsJourney, on, monthly)).get('1a')!.proposed).toBe(true);
    const late = byId(proposeSections(childsJourney, after, monthly)).get('1a')!;
    expect(late.proposed).toBe(false);
    expect(late.reason).toContain('began 16/09/2026, after allocation');
  });

  it('a 15-year-old in supported living: 10 not proposed, and the reason names the age', () => {
    const s = snapshot({ ageYears: 15, ageBand: '10-15', livingSituation: 'supportedLiving' });
    const p = byId(proposeSections(childsJourney, s, monthly)).get('10')!;
    expect(p.proposed).toBe(false);
    expect(p.reason).toBe('Aged 15 at allocation (under 16)');
  });

  it('a 16-year-old living with family: 10 not proposed; homeless: proposed', () => {
    const home = byId(proposeSections(childsJourney, snapshot({ ageYears: 16, ageBand: '16-17' }), monthly)).get('10')!;
    expect(home.proposed).toBe(false);
    expect(home.reason).toBe('Living situation: Living with family (not supported living, independent living, left home or homeless)');
    const homeless = snapshot({ ageYears: 16, ageBand: '16-17', livingSituation: 'homeless' });
    expect(byId(proposeSections(childsJourney, homeless, monthly)).get('10')!.proposed).toBe(true);
  });

  it('an unborn baby on a pre-birth child protection plan: 1d proposed, 9 and 10 not', () => {
    const s = snapshot({
      legalStatus: 'childProtection',
      legalStatusHistory: [{ status: 'childProtection', from: '2026-07-20', to: null }],
      livingSituation: null,
      ageYears: null,
      ageBand: 'unborn',
    });
    const p = byId(proposeSections(childsJourney, s, monthly));
    expect(p.get('1d')!.proposed).toBe(true);
    expect(p.get('9')!.proposed).toBe(false);
    expect(p.get('10')!.proposed).toBe(false);
    expect(p.get('10')!.reason).toContain('Unborn at allocation');
    expect(p.get('10')!.reason).toContain('No living situation recorded');
  });

  it('the same history gives the deep dive (24 months) sections the monthly audit (12 months) does not', () => {
    const s = snapshot({
      legalStatus: 'childInNeed',
      legalStatusHistory: [
        { status: 'earlyHelp', from: '2023-11-01', to: '2024-02-28' },
        { status: 'childProtection', from: '2024-03-01', to: '2025-03-31' },
        { status: 'childInNeed', from: '2025-04-01', to: null },
      ],
    });
    expect(proposedIds(proposeSections(childsJourney, s, deepDive))).toEqual(
      expect.arrayContaining(['1c', '1d']),
    );
    expect(byId(proposeSections(childsJourney, s, deepDive)).get('1a')!.proposed).toBe(false);
    const monthlyProposals = byId(proposeSections(childsJourney, s, monthly));
    expect(monthlyProposals.get('1c')!.proposed).toBe(true);
    expect(monthlyProposals.get('1d')!.proposed).toBe(false);
    expect(monthlyProposals.get('1d')!.reason).toContain('ended 31/03/2025');
  });

  it('trusts the current legal status when the history has not caught up with it', () => {
    const s = snapshot({ legalStatus: 'childInCare', legalStatusHistory: [] });
    const p = byId(proposeSections(childsJourney, s, monthly)).get('9')!;
    expect(p.proposed).toBe(true);
    expect(p.reason).toBe('Child in care at allocation — within the look-back');
  });
});

describe('proposeSections for the managers\' monthly audit', () => {
  it('proposes the children in care area only when the child was in care or a care leaver in the look-back', () => {
    const lookBack = computeLookBack(defaultAuditTypeSettings.managersMonthly.lookBack, allocatedOn, '2026-06-01');
    const inCare = snapshot({ legalStatus: 'childInCare', legalStatusHistory: [{ status: 'childInCare', from: '2026-06-10', to: null }] });
    expect(proposedIds(proposeSections(managers, inCare, lookBack))).toEqual([
      'profile', 'referrals', 'assessment', 'planning', 'engagement', 'oversight', 'diversity', 'in-care',
    ]);
    // Left care before the referral that opened the current look-back.
    const before = snapshot({ legalStatusHistory: [{ status: 'childInCare', from: '2025-01-01', to: '2026-05-01' }] });
    expect(byId(proposeSections(managers, before, lookBack)).get('in-care')!.proposed).toBe(false);
  });
});

describe('evaluateCondition', () => {
  const lookBack: LookBackPeriod = { from: '2025-09-15', to: '2026-09-15', rule: 'test' };
  const s = snapshot({ ageYears: 16, ageBand: '16-17', livingSituation: 'independentLiving' });
  const age = (years: number): SectionCondition => ({ kind: 'ageAtLeast', years });

  it('combines conditions with all and any', () => {
    expect(evaluateCondition({ kind: 'all', of: [age(16), age(17)] }, s, lookBack)).toBe(false);
    expect(evaluateCondition({ kind: 'any', of: [age(16), age(17)] }, s, lookBack)).toBe(true);
    expect(evaluateCondition({ kind: 'any', of: [age(18), { kind: 'livingSituationIn', situations: ['homeless'] }] }, s, lookBack)).toBe(false);
    expect(evaluateCondition({ kind: 'always' }, s, lookBack)).toBe(true);
  });

  it('explains an unmet "any" with every part, and a met "any" with the parts that held', () => {
    const cond: SectionCondition = { kind: 'any', of: [age(18), { kind: 'livingSituationIn', situations: ['independentLiving'] }] };
    const template = { ...childsJourney, sections: [{ ...childsJourney.sections[1]!, condition: cond }] };
    const [p] = proposeSections(template, s, lookBack);
    expect(p).toEqual({ sectionId: '1a', proposed: true, reason: 'Living situation: Independent living' });
  });
});

describe('activeSectionIds', () => {
  const s = snapshot({ legalStatusHistory: [{ status: 'childInNeed', from: '2025-01-01', to: null }] });
  const proposals = proposeSections(childsJourney, s, monthly);

  it('follows the proposals when the auditor has made no choices', () => {
    expect(activeSectionIds(childsJourney, proposals, {})).toEqual(proposedIds(proposals));
    expect(activeSectionIds(childsJourney, proposals, {})).not.toContain('9');
  });

  it("lets the auditor's choice win both ways, keeping template order", () => {
    const ids = activeSectionIds(childsJourney, proposals, {
      '9': { included: true, reason: 'Permanence within the family is the plan' },
      '1c': { included: false, reason: 'Support ended as the audit began' },
      'no-such-section': { included: true, reason: 'ignored' },
    });
    expect(ids).toContain('9');
    expect(ids).not.toContain('1c');
    expect(ids).not.toContain('no-such-section');
    expect(ids.indexOf('8')).toBeLessThan(ids.indexOf('9'));
  });

  it('falls back to the section condition when a proposal is missing', () => {
    const ids = activeSectionIds(childsJourney, [], {});
    expect(ids).toContain('1b');
    expect(ids).not.toContain('1d');
  });
});
