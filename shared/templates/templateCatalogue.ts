import { auditTemplate, type AuditTemplate } from '../schemas/templates';
import childsJourneyV1 from './catalogue/childs-journey.v1.json';
import managersMonthlyV1 from './catalogue/managers-monthly.v1.json';

export interface TemplateProblem {
  /** Dotted path into the file, e.g. `sections.3.prompts.0.text`; empty for the file as a whole. */
  field: string;
  message: string;
}

/** A template file that cannot be used; the message names the file and every field at fault. */
export class TemplateFileError extends Error {
  override readonly name = 'TemplateFileError';

  constructor(
    readonly source: string,
    readonly problems: TemplateProblem[],
  ) {
    super(
      `Template file "${source}" is not valid:\n` +
        problems.map((p) => `- ${p.field === '' ? '(whole file)' : p.field}: ${p.message}`).join('\n'),
    );
  }
}

/** Validates a template read from `source` (a file name, for the message). */
export function parseTemplate(json: unknown, source: string): AuditTemplate {
  const result = auditTemplate.safeParse(json);
  if (result.success) return result.data;
  throw new TemplateFileError(
    source,
    result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') + sectionHint(json, issue.path),
      message: issue.message,
    })),
  );
}

/** Names the section by its id as well as its position: councils edit these files by hand. */
function sectionHint(json: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'sections' || typeof path[1] !== 'number' || path.length < 3) return '';
  const sections = (json as { sections?: unknown } | null)?.sections;
  const section: unknown = Array.isArray(sections) ? sections[path[1]] : undefined;
  const sectionId = (section as { id?: unknown } | null | undefined)?.id;
  return typeof sectionId === 'string' && sectionId !== '' ? ` (section "${sectionId}")` : '';
}

/**
 * Every version of every template. An audit keeps the template version it started on,
 * so older versions stay here after a newer one is published.
 */
export class TemplateCatalogue {
  private readonly templates: AuditTemplate[];

  constructor(templates: AuditTemplate[]) {
    const seen = new Set<string>();
    for (const t of templates) {
      const key = `${t.id}@${t.version}`;
      if (seen.has(key)) throw new Error(`Template "${t.id}" version ${t.version} is listed more than once`);
      seen.add(key);
    }
    this.templates = [...templates];
  }

  /** The highest version of a template, for new audits. */
  latest(id: string): AuditTemplate {
    let best: AuditTemplate | undefined;
    for (const t of this.templates) if (t.id === id && (best === undefined || t.version > best.version)) best = t;
    if (best === undefined) throw new Error(`No template "${id}" in the catalogue`);
    return best;
  }

  get(id: string, version: number): AuditTemplate | undefined {
    return this.templates.find((t) => t.id === id && t.version === version);
  }

  all(): AuditTemplate[] {
    return [...this.templates];
  }
}

/** The templates shipped with the service. */
export function builtInTemplates(): AuditTemplate[] {
  return [
    parseTemplate(childsJourneyV1, 'shared/templates/catalogue/childs-journey.v1.json'),
    parseTemplate(managersMonthlyV1, 'shared/templates/catalogue/managers-monthly.v1.json'),
  ];
}
