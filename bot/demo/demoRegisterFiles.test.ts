import { describe, expect, it } from 'vitest';
import { buildDemoCouncil } from './demoCouncil';
import { demoCaseRegisterCsv, demoStaffDirectoryCsv } from './demoRegisterFiles';
import { previewCaseImport } from '../../shared/imports/caseRegisterImport';
import { previewStaffImport } from '../../shared/imports/staffImport';

const today = '2026-11-23';
const council = buildDemoCouncil({ seed: 20261123, today });

describe('demo register files', () => {
  it('the open-case register imports cleanly, as the same cases under the same ids', () => {
    // As after a round closed and purged the register: nothing held, so ids come from the references.
    const preview = previewCaseImport(demoCaseRegisterCsv(council), { teams: council.teams, staff: council.staff, cases: [], today });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rejected).toEqual([]);
    const open = council.cases.filter((c) => c.open);
    expect(preview.accepted.map((a) => a.childCase)).toEqual(open);
  });

  it('the staff directory imports cleanly, as the same active people', () => {
    const preview = previewStaffImport(demoStaffDirectoryCsv(council), { teams: council.teams, staff: council.staff });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.rejected).toEqual([]);
    const active = council.staff.filter((s) => s.active);
    expect(preview.accepted.map((a) => a.staff.id).sort()).toEqual(active.map((s) => s.id).sort());
    for (const { staff } of preview.accepted) {
      const held = active.find((s) => s.id === staff.id);
      expect({ ...staff, entraObjectId: null, away: false }).toEqual({ ...held, entraObjectId: null, away: false });
    }
  });
});
