import type { AuditTemplate, SectionCondition } from '../schemas/templates';
import type { CaseSnapshot, LookBackPeriod, SectionChoice } from '../schemas/audits';
import {
  legalStatusLabels,
  livingSituationLabels,
  type LegalStatus,
  type LegalStatusPeriod,
  type LivingSituation,
} from '../schemas/cases';
import type { SectionProposal } from '../api/contracts';
import { ukDate } from '../calendar/londonTime';

interface Finding {
  met: boolean;
  reason: string;
}

/**
 * Which sections of the tool to propose for this case, and why, in template order.
 * A proposal, not a rule: the guidance says sections are "normally" completed in these cases,
 * so the auditor may add or remove one with a reason (see `activeSectionIds`).
 */
export function proposeSections(template: AuditTemplate, snapshot: CaseSnapshot, lookBack: LookBackPeriod): SectionProposal[] {
  return template.sections.map((section) => {
    const finding = explain(section.condition, snapshot, lookBack);
    return { sectionId: section.id, proposed: finding.met, reason: finding.reason };
  });
}

export function evaluateCondition(cond: SectionCondition, snapshot: CaseSnapshot, lookBack: LookBackPeriod): boolean {
  return explain(cond, snapshot, lookBack).met;
}

/** The sections the auditor completes: the proposals, with the auditor's own choices winning. */
export function activeSectionIds(
  template: AuditTemplate,
  proposals: SectionProposal[],
  choices: Record<string, SectionChoice>,
): string[] {
  const proposed = new Map(proposals.map((p) => [p.sectionId, p.proposed]));
  return template.sections
    .filter((s) => {
      const choice = choices[s.id];
      if (choice !== undefined) return choice.included;
      // No proposal for a section should not happen; fall back to its condition's simplest reading.
      return proposed.get(s.id) ?? s.condition.kind === 'always';
    })
    .map((s) => s.id);
}

function explain(cond: SectionCondition, snapshot: CaseSnapshot, lookBack: LookBackPeriod): Finding {
  switch (cond.kind) {
    case 'always':
      return { met: true, reason: 'Completed for every case' };
    case 'statusInLookBack':
      return explainStatus(cond.statuses, snapshot, lookBack);
    case 'ageAtLeast':
      return explainAge(cond.years, snapshot);
    case 'livingSituationIn':
      return explainLiving(cond.situations, snapshot);
    case 'all': {
      const findings = cond.of.map((c) => explain(c, snapshot, lookBack));
      const failed = findings.filter((f) => !f.met);
      return failed.length === 0 ? { met: true, reason: joinReasons(findings) } : { met: false, reason: joinReasons(failed) };
    }
    case 'any': {
      const findings = cond.of.map((c) => explain(c, snapshot, lookBack));
      const passed = findings.filter((f) => f.met);
      return passed.length > 0 ? { met: true, reason: joinReasons(passed) } : { met: false, reason: joinReasons(findings) };
    }
  }
}

function overlaps(p: LegalStatusPeriod, lookBack: LookBackPeriod): boolean {
  return p.from <= lookBack.to && (p.to === null || p.to >= lookBack.from);
}

function describePeriod(p: LegalStatusPeriod): string {
  const label = legalStatusLabels[p.status];
  return p.to === null ? `${label} from ${ukDate(p.from)}, still current` : `${label} from ${ukDate(p.from)} to ${ukDate(p.to)}`;
}

function explainStatus(statuses: LegalStatus[], snapshot: CaseSnapshot, lookBack: LookBackPeriod): Finding {
  const relevant = snapshot.legalStatusHistory.filter((p) => statuses.includes(p.status));
  const inside = relevant.filter((p) => overlaps(p, lookBack));
  if (inside.length > 0) {
    return { met: true, reason: `${inside.map(describePeriod).join('; ')} — within the look-back` };
  }
  // The history may lag behind the current status (an import without the latest period): the child is in it at allocation.
  if (statuses.includes(snapshot.legalStatus)) {
    return { met: true, reason: `${legalStatusLabels[snapshot.legalStatus]} at allocation — within the look-back` };
  }
  const period = `${ukDate(lookBack.from)} to ${ukDate(lookBack.to)}`;
  if (relevant.length > 0) {
    const outside = relevant.map((p) =>
      p.to !== null && p.to < lookBack.from
        ? `${legalStatusLabels[p.status]} ended ${ukDate(p.to)}`
        : `${legalStatusLabels[p.status]} began ${ukDate(p.from)}, after allocation`,
    );
    return { met: false, reason: `${outside.join('; ')} — outside the look-back (${period})` };
  }
  const names = statuses.map((s) => lowerFirst(legalStatusLabels[s]));
  return { met: false, reason: `No period of ${orList(names)} recorded during the look-back (${period})` };
}

function explainAge(years: number, snapshot: CaseSnapshot): Finding {
  if (snapshot.ageYears === null) return { met: false, reason: `Unborn at allocation (not yet ${years})` };
  const age = `Aged ${snapshot.ageYears} at allocation`;
  return snapshot.ageYears >= years
    ? { met: true, reason: `${age} (${years} or over)` }
    : { met: false, reason: `${age} (under ${years})` };
}

function explainLiving(situations: LivingSituation[], snapshot: CaseSnapshot): Finding {
  const current = snapshot.livingSituation;
  if (current === null) return { met: false, reason: 'No living situation recorded' };
  const label = livingSituationLabels[current];
  if (situations.includes(current)) return { met: true, reason: `Living situation: ${label}` };
  const wanted = situations.map((s) => lowerFirst(livingSituationLabels[s]));
  return { met: false, reason: `Living situation: ${label} (not ${orList(wanted)})` };
}

function joinReasons(findings: Finding[]): string {
  return findings.map((f) => f.reason).join('; ');
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
