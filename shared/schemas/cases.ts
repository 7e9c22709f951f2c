import { z } from 'zod';
import { id, isoDate } from './common';

export const legalStatus = z.enum([
  'earlyHelp',
  'childInNeed',
  /** On a child protection plan or subject to a section 47 enquiry. */
  'childProtection',
  'childInCare',
  'careLeaver',
]);
export type LegalStatus = z.infer<typeof legalStatus>;

export const legalStatusLabels: Record<LegalStatus, string> = {
  earlyHelp: 'Early help',
  childInNeed: 'Child in need',
  childProtection: 'Child protection (plan or s47 enquiry)',
  childInCare: 'Child in care',
  careLeaver: 'Care leaver',
};

/** Living situation recorded for young people aged 16 and over. */
export const livingSituation = z.enum([
  'withFamily',
  'fosterOrResidentialCare',
  'supportedLiving',
  'independentLiving',
  'leftHome',
  'homeless',
  'other',
]);
export type LivingSituation = z.infer<typeof livingSituation>;

export const livingSituationLabels: Record<LivingSituation, string> = {
  withFamily: 'Living with family',
  fosterOrResidentialCare: 'Foster or residential care',
  supportedLiving: 'Supported living',
  independentLiving: 'Independent living',
  leftHome: 'Left home',
  homeless: 'Homeless',
  other: 'Other',
};

export const legalStatusPeriod = z
  .object({
    status: legalStatus,
    from: isoDate,
    /** null while current. */
    to: isoDate.nullable(),
  })
  .refine((p) => p.to === null || p.to >= p.from, { message: 'must not end before it starts', path: ['to'] });
export type LegalStatusPeriod = z.infer<typeof legalStatusPeriod>;

export const childCase = z
  .object({
    id,
    /** The case-management system's reference; the only identifier that leaves the tab. */
    caseRef: z.string().min(1).max(32).regex(/^[A-Za-z0-9/-]+$/, 'must be letters, digits, / or -'),
    initials: z.string().min(1).max(4).regex(/^[A-Z]+$/, 'must be capital letters'),
    dateOfBirth: isoDate.nullable(),
    /** For an unborn baby: the expected date of delivery, and no date of birth. */
    expectedDateOfBirth: isoDate.nullable(),
    teamId: id,
    workerId: id.nullable(),
    legalStatus: legalStatus,
    legalStatusHistory: z.array(legalStatusPeriod),
    livingSituation: livingSituation.nullable(),
    disability: z.boolean(),
    mostRecentReferral: isoDate.nullable(),
    pastTeamIds: z.array(id).default([]),
    pastWorkerIds: z.array(id).default([]),
    open: z.boolean().default(true),
  })
  .refine((c) => (c.dateOfBirth === null) !== (c.expectedDateOfBirth === null), {
    message: 'give a date of birth, or an expected date for an unborn baby, but not both',
    path: ['dateOfBirth'],
  });
export type ChildCase = z.infer<typeof childCase>;

export const ageBand = z.enum(['unborn', '0-4', '5-9', '10-15', '16-17', '18+']);
export type AgeBand = z.infer<typeof ageBand>;
