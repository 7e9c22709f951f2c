import { describe, expect, it } from 'vitest';
import { builtInTemplates, parseTemplate, TemplateCatalogue, TemplateFileError } from './templateCatalogue';
import type { AuditTemplate } from '../schemas/templates';

const validFile = () => ({
  id: 'local-tool',
  version: 1,
  title: 'Local audit tool',
  summary: 'A council-written tool.',
  sections: [
    { id: 'profile', title: 'Case profile', guidance: 'The story.', kind: 'profile', condition: { kind: 'always' }, prompts: [] },
    {
      id: 'plans',
      number: '1',
      title: 'Plans',
      guidance: 'Every case.',
      kind: 'practice',
      condition: { kind: 'always' },
      prompts: [{ id: 'p1', text: 'The plan is specific.' }],
    },
  ],
});

function errorOf(fn: () => unknown): TemplateFileError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateFileError) return err;
    throw err;
  }
  throw new Error('expected a TemplateFileError');
}

describe('parseTemplate', () => {
  it('accepts a valid template', () => {
    expect(parseTemplate(validFile(), 'local.json').sections.map((s) => s.id)).toEqual(['profile', 'plans']);
  });

  it('names the file and the field of a prompt with empty text', () => {
    const file = validFile();
    file.sections[1]!.prompts[0]!.text = '';
    const err = errorOf(() => parseTemplate(file, 'councils/local.json'));
    expect(err.message).toContain('"councils/local.json"');
    expect(err.message).toContain('sections.1.prompts.0.text (section "plans")');
    expect(err.problems).toEqual([{ field: 'sections.1.prompts.0.text (section "plans")', message: expect.stringMatching(/too small/i) }]);
  });

  it('names a duplicate section id', () => {
    const file = validFile();
    file.sections[1]!.id = 'profile';
    const err = errorOf(() => parseTemplate(file, 'dup.json'));
    expect(err.message).toContain('sections.1.id (section "profile"): duplicate section id "profile"');
  });

  it('lists every failing field, not just the first', () => {
    const file = { ...validFile(), version: 0, title: '' };
    const err = errorOf(() => parseTemplate(file, 'two.json'));
    expect(err.problems.map((p) => p.field).sort()).toEqual(['title', 'version']);
  });

  it('names an unknown condition kind', () => {
    const file = validFile();
    (file.sections[1] as { condition: unknown }).condition = { kind: 'sometimes' };
    expect(errorOf(() => parseTemplate(file, 'c.json')).message).toContain('sections.1.condition.kind (section "plans")');
  });

  it('reports a file that is not an object at all', () => {
    expect(errorOf(() => parseTemplate(null, 'empty.json')).message).toContain('(whole file)');
  });
});

describe('TemplateCatalogue', () => {
  const v1 = parseTemplate(validFile(), 'v1');
  const v2: AuditTemplate = { ...v1, version: 2, title: 'Local audit tool, revised' };

  it('keeps every version: latest for new audits, get for audits already started', () => {
    const c = new TemplateCatalogue([v2, v1]);
    expect(c.latest('local-tool').version).toBe(2);
    expect(c.get('local-tool', 1)?.title).toBe('Local audit tool');
    expect(c.get('local-tool', 3)).toBeUndefined();
    expect(c.all()).toHaveLength(2);
  });

  it('refuses the same id and version twice', () => {
    expect(() => new TemplateCatalogue([v1, { ...v1 }])).toThrow(/"local-tool" version 1/);
  });

  it('throws for an unknown template id', () => {
    expect(() => new TemplateCatalogue([v1]).latest('nope')).toThrow(/"nope"/);
  });

  it('does not let callers change its list', () => {
    const c = new TemplateCatalogue([v1]);
    c.all().push(v2);
    expect(c.all()).toHaveLength(1);
  });
});

describe('built-in templates', () => {
  const catalogue = new TemplateCatalogue(builtInTemplates());

  it("the Child's Journey tool has the sections in order, with their conditions", () => {
    const t = catalogue.latest('childs-journey');
    expect(t.version).toBe(1);
    expect(t.sections.map((s) => s.id)).toEqual(['profile', '1a', '1b', '1c', '1d', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const cond = Object.fromEntries(t.sections.map((s) => [s.id, s.condition]));
    expect(cond['1a']).toEqual({ kind: 'statusInLookBack', statuses: ['earlyHelp'] });
    expect(cond['1c']).toEqual({ kind: 'statusInLookBack', statuses: ['childInNeed'] });
    expect(cond['1d']).toEqual({ kind: 'statusInLookBack', statuses: ['childProtection'] });
    expect(cond['9']).toEqual({ kind: 'statusInLookBack', statuses: ['childInCare', 'careLeaver'] });
    expect(cond['10']).toEqual({
      kind: 'all',
      of: [
        { kind: 'ageAtLeast', years: 16 },
        { kind: 'livingSituationIn', situations: ['supportedLiving', 'independentLiving', 'leftHome', 'homeless'] },
      ],
    });
    for (const id of ['profile', '1b', '2', '3', '4', '5', '6', '7', '8']) expect(cond[id]).toEqual({ kind: 'always' });
  });

  it("the Child's Journey practice sections have 3 to 6 prompts; conditional ones say when they are proposed", () => {
    for (const s of catalogue.latest('childs-journey').sections) {
      if (s.kind === 'profile') {
        expect(s.id).toBe('profile');
        continue;
      }
      expect(s.prompts.length, s.id).toBeGreaterThanOrEqual(3);
      expect(s.prompts.length, s.id).toBeLessThanOrEqual(6);
      expect(s.number).toBe(s.id);
      if (s.condition.kind !== 'always') expect(s.conditionLabel, s.id).toMatch(/^Proposed when /);
    }
  });

  it("the managers' monthly audit has the profile and seven areas with 37 prompts", () => {
    const t = catalogue.latest('managers-monthly');
    expect(t.sections.map((s) => s.id)).toEqual(['profile', 'referrals', 'assessment', 'planning', 'engagement', 'oversight', 'diversity', 'in-care']);
    expect(t.sections.reduce((n, s) => n + s.prompts.length, 0)).toBe(37);
    expect(t.sections.find((s) => s.id === 'in-care')?.condition).toEqual({ kind: 'statusInLookBack', statuses: ['childInCare', 'careLeaver'] });
  });

  it('prompt ids are unique across each template, so responses never collide', () => {
    for (const t of catalogue.all()) {
      const ids = t.sections.flatMap((s) => s.prompts.map((p) => p.id));
      expect(new Set(ids).size, t.id).toBe(ids.length);
    }
  });
});
