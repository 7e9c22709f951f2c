import type { AuditForm } from '../schemas/audits';
import type { FourPointGrade, GradeScaleId, GradeValue } from '../schemas/grades';
import type { RubricDomain } from '../schemas/templates';
import type { AuditTypeSettings } from '../settings/auditTypeSettings';
import { fourPointRank, fromFourPoint, gradeLabel, gradeScales, toFourPoint, type GradeOption } from './gradeScales';
import { domainLabels } from './rubric';

/**
 * How the overall grade follows from the rest of the grading. The rules advise (a suggestion the
 * auditor may depart from, with a reason) and limit (a ceiling no reason can lift). Each rule has a
 * setting per audit type, except that a child judged not safe always makes the case Inadequate.
 */
export type GradingRuleId = 'majorityOfDomains' | 'keyAreaInadequate' | 'outcomesNotMet' | 'childNotSafe';

export interface FiredRule {
  id: GradingRuleId;
  /** Plain words naming the domains and values involved. */
  explanation: string;
}

export interface GradingAdvice {
  /** The grade the rules point to, on the audit type's scale; null when they point to none yet. */
  suggestion: GradeValue | null;
  /** The highest four-point grade the overall grade may have. */
  ceiling: FourPointGrade;
  rules: FiredRule[];
}

export interface GradeCheck {
  problems: { field: string; message: string }[];
  departsFromSuggestion: boolean;
}

type Grading = AuditForm['grading'];

/** The best four-point grade an option can stand for ("Doesn't yet meet Good" at best Requires improvement). */
function bestFourPoint(option: GradeOption): FourPointGrade {
  return option.fourPoint === 'askInadequate' ? 'requiresImprovement' : option.fourPoint;
}

function optionOf(scale: GradeScaleId, gradeId: string): GradeOption | undefined {
  return gradeScales[scale].options.find((o) => o.id === gradeId);
}

/** A grade's label where an unanswered inadequate question means "either" rather than "incomplete". */
function valueLabel(scale: GradeScaleId, value: GradeValue): string {
  const option = optionOf(scale, value.grade);
  if (option && option.fourPoint === 'askInadequate' && value.inadequate === null) return option.label;
  return gradeLabel(scale, value);
}

/** The highest value on the scale at or below a four-point ceiling. */
function capValue(scale: GradeScaleId, ceiling: FourPointGrade): GradeValue {
  if (ceiling === 'inadequate') return fromFourPoint(scale, 'inadequate');
  const option = gradeScales[scale].options.find((o) => fourPointRank(bestFourPoint(o)) >= fourPointRank(ceiling));
  if (!option) return fromFourPoint(scale, ceiling);
  return { grade: option.id, inadequate: null };
}

function ceilingLabel(scale: GradeScaleId, ceiling: FourPointGrade): string {
  return valueLabel(scale, capValue(scale, ceiling));
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function uniqueDomains(domains: readonly RubricDomain[]): RubricDomain[] {
  return [...new Set(domains)];
}

/** (a) The most common grade among graded domains, counted on the audit type's own scale; ties go lower. */
function majorityOfDomains(
  scale: GradeScaleId,
  gradedDomains: readonly RubricDomain[],
  domains: Grading['domains'],
): { value: GradeValue; rule: FiredRule } | null {
  const byOption = new Map<string, RubricDomain[]>();
  let counted = 0;
  for (const domain of uniqueDomains(gradedDomains)) {
    const value = domains[domain]?.value ?? null;
    if (!value || toFourPoint(scale, value) === null) continue;
    byOption.set(value.grade, [...(byOption.get(value.grade) ?? []), domain]);
    counted += 1;
  }
  if (counted === 0) return null;

  const options = gradeScales[scale].options;
  const top = Math.max(...options.map((o) => byOption.get(o.id)?.length ?? 0));
  const leaders = options.filter((o) => (byOption.get(o.id)?.length ?? 0) === top);
  // Options are best first, so the last leader is the lowest grade.
  const chosen = leaders[leaders.length - 1];
  if (!chosen) return null;

  const tally = options
    .filter((o) => byOption.has(o.id))
    .map((o) => `${o.label}: ${listWords((byOption.get(o.id) ?? []).map((d) => domainLabels[d]))}`)
    .join('; ');
  const areas = counted === 1 ? '1 graded area' : `${counted} graded areas`;
  const explanation =
    leaders.length > 1
      ? `${listWords(leaders.map((o) => o.label))} are tied with ${top} each among the ${areas} (${tally}); a tie goes to the lower grade, so ${chosen.label} is suggested.`
      : `${chosen.label} is the most common grade among the ${areas} (${tally}), so ${chosen.label} is suggested.`;
  return { value: { grade: chosen.id, inadequate: null }, rule: { id: 'majorityOfDomains', explanation } };
}

interface Limit {
  rule: FiredRule;
  ceiling: FourPointGrade;
}

function limits(settings: AuditTypeSettings, grading: Grading): Limit[] {
  const scale = settings.gradeScale;
  const out: Limit[] = [];

  if (settings.outcomesRequiredForGood && grading.outcomes !== 'met' && grading.outcomes !== 'onTheWay') {
    const cap = ceilingLabel(scale, 'requiresImprovement');
    const state = grading.outcomes === 'notMet' ? 'are not met' : 'have not been recorded as met or on the way';
    out.push({
      ceiling: 'requiresImprovement',
      rule: {
        id: 'outcomesNotMet',
        explanation: `The child's outcomes ${state}, so the overall grade can be no higher than ${cap}.`,
      },
    });
  }

  if (settings.gradingMode === 'perDomain') {
    const inadequateKeyAreas = uniqueDomains(settings.keyAreas).filter(
      (d) => toFourPoint(scale, grading.domains[d]?.value ?? null) === 'inadequate',
    );
    if (inadequateKeyAreas.length > 0) {
      const names = listWords(inadequateKeyAreas.map((d) => domainLabels[d]));
      const grade = ceilingLabel(scale, 'inadequate');
      const verb = inadequateKeyAreas.length === 1 ? 'is a key area' : 'are key areas';
      out.push({
        ceiling: 'inadequate',
        rule: {
          id: 'keyAreaInadequate',
          explanation: `${names} ${verb} graded ${grade}, so the overall grade is ${grade}.`,
        },
      });
    }
  }

  // Not a setting: children's safety comes before any setting.
  if (grading.childSafe === 'notSafe') {
    const grade = ceilingLabel(scale, 'inadequate');
    out.push({
      ceiling: 'inadequate',
      rule: { id: 'childNotSafe', explanation: `The child is judged not safe, so the overall grade is ${grade}.` },
    });
  }
  return out;
}

function lowest(grades: readonly FourPointGrade[]): FourPointGrade {
  return grades.reduce<FourPointGrade>((low, g) => (fourPointRank(g) > fourPointRank(low) ? g : low), 'outstanding');
}

export function adviseOverallGrade(settings: AuditTypeSettings, grading: Grading): GradingAdvice {
  const scale = settings.gradeScale;
  const majority = settings.gradingMode === 'perDomain' ? majorityOfDomains(scale, settings.gradedDomains, grading.domains) : null;
  const limited = limits(settings, grading);
  const ceiling = lowest(limited.map((l) => l.ceiling));

  let suggestion = majority?.value ?? null;
  if (ceiling === 'inadequate') {
    // Only the Inadequate rules set this ceiling, and they decide the grade outright.
    suggestion = fromFourPoint(scale, 'inadequate');
  } else if (suggestion) {
    const option = optionOf(scale, suggestion.grade);
    if (option && fourPointRank(bestFourPoint(option)) < fourPointRank(ceiling)) suggestion = capValue(scale, ceiling);
  }

  const rules = [...(majority ? [majority.rule] : []), ...limited.map((l) => l.rule)];
  return { suggestion, ceiling, rules };
}

function departs(suggestion: GradeValue, overall: GradeValue): boolean {
  if (overall.grade !== suggestion.grade) return true;
  // The inadequate answer counts only where the suggestion fixes it.
  return suggestion.inadequate !== null && overall.inadequate !== suggestion.inadequate;
}

export function checkOverallGrade(settings: AuditTypeSettings, grading: Grading): GradeCheck {
  const scale = settings.gradeScale;
  const advice = adviseOverallGrade(settings, grading);
  const problems: GradeCheck['problems'] = [];
  const overall = grading.overall;
  const fourPoint = toFourPoint(scale, overall);

  if (!overall || !optionOf(scale, overall.grade)) {
    problems.push({ field: 'grading.overall', message: 'Overall grade: choose a grade.' });
    return { problems, departsFromSuggestion: false };
  }
  if (fourPoint === null) {
    problems.push({ field: 'grading.overall', message: 'Overall grade: say whether practice on the case is inadequate.' });
    return { problems, departsFromSuggestion: false };
  }

  const aboveCeiling = fourPointRank(fourPoint) < fourPointRank(advice.ceiling);
  if (aboveCeiling) {
    const limiting = limits(settings, grading).filter((l) => l.ceiling === advice.ceiling);
    const why = limiting.map((l) => l.rule.explanation).join(' ');
    problems.push({
      field: 'grading.overall',
      message: `Overall grade: ${valueLabel(scale, overall)} is not allowed. ${why}`,
    });
  }

  const departsFromSuggestion = advice.suggestion !== null && departs(advice.suggestion, overall);
  // Above the ceiling no reason helps: only a lower grade does, so the reason is not asked for too.
  if (departsFromSuggestion && !aboveCeiling && advice.suggestion && grading.departureReason.trim() === '') {
    problems.push({
      field: 'grading.departureReason',
      message: `Overall grade: say why it differs from the suggested grade (${valueLabel(scale, advice.suggestion)}).`,
    });
  }
  return { problems, departsFromSuggestion };
}

/** The suggestion in words for the form, e.g. "Suggested: Requires improvement". */
export function suggestionLabel(scale: GradeScaleId, suggestion: GradeValue | null): string | null {
  return suggestion ? valueLabel(scale, suggestion) : null;
}
