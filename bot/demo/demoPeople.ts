import type { SeededRandom } from '../../shared/random/seededRandom';
import type { JobRole, Service, StaffMember, Team } from '../../shared/schemas/staff';

/**
 * The demo council's organisation: three services, eight teams and their staff. The structure
 * is fixed so ids stay stable across seeds; names (apart from the featured people, whom the
 * browser tests look for) are drawn from the seed. Every name is plainly invented: a first
 * name and a bird or tree.
 */

export const DEMO_EMAIL_DOMAIN = 'demo-council.example';

export const featuredStaffIds = {
  auditorId: 'tm-cp-north',
  managerId: 'tm-leaving-care',
  workerId: 'sw-leaving-care-1',
  qaLeadId: 'qa-lead',
} as const;

const featuredNames: Record<string, [string, string]> = {
  [featuredStaffIds.auditorId]: ['Hazel', 'Wren'],
  [featuredStaffIds.managerId]: ['Willow', 'Heron'],
  [featuredStaffIds.workerId]: ['Ash', 'Kestrel'],
  [featuredStaffIds.qaLeadId]: ['Rowan', 'Finch'],
};

const firstNames = [
  'Bryony', 'Fern', 'Ivy', 'Linden', 'Marlow', 'Juniper', 'Sorrel', 'Laurel', 'Heather', 'Holly', 'Briar',
  'Clover', 'Daisy', 'Sage', 'Basil', 'Jasper', 'Flint', 'Reed', 'Cedar', 'Poppy', 'Iris', 'Fennel', 'Tansy',
  'Yarrow', 'Bramble', 'Aspen', 'Ellis', 'Morgan', 'Quinn', 'Rory', 'Wynn', 'Sky', 'Ottilie', 'Tamsin',
  'Perry', 'Hollis', 'Marigold', 'Oren', 'Teal', 'Arlo', 'Lark', 'Meadow', 'Storm', 'Bay',
];

const surnames = [
  'Plover', 'Linnet', 'Siskin', 'Dunnock', 'Curlew', 'Sparrow', 'Swift', 'Starling', 'Nightjar', 'Redstart',
  'Stonechat', 'Bunting', 'Pipit', 'Warbler', 'Fieldfare', 'Redwing', 'Goldcrest', 'Nuthatch', 'Birch',
  'Alder', 'Larch', 'Elm', 'Maple', 'Hornbeam', 'Hawthorn', 'Blackthorn', 'Spindle', 'Whitebeam', 'Sycamore',
  'Poplar', 'Yew', 'Chaffinch', 'Greenfinch', 'Lapwing', 'Dipper', 'Merlin', 'Osprey', 'Sandpiper', 'Teasel',
  'Guillemot', 'Kittiwake', 'Oakleaf', 'Beech', 'Hazelnut',
];

interface TeamPlan {
  id: string;
  key: string;
  name: string;
  serviceId: string;
  workers: number;
  /** Whether the deputy also carries cases. */
  deputyCarriesCases: boolean;
}

export const demoServicesPlan = [
  { id: 'svc-front-door', name: 'Front door and assessment', key: 'front-door' },
  { id: 'svc-cin-cp', name: 'Children in need and protection', key: 'cin-cp' },
  { id: 'svc-care', name: 'Children in care and care leavers', key: 'care' },
] as const;

export const demoTeamsPlan: readonly TeamPlan[] = [
  { id: 'team-mash', key: 'mash', name: 'Front door (MASH)', serviceId: 'svc-front-door', workers: 2, deputyCarriesCases: true },
  { id: 'team-early-help', key: 'early-help', name: 'Early help', serviceId: 'svc-front-door', workers: 2, deputyCarriesCases: true },
  { id: 'team-assessment', key: 'assessment', name: 'Assessment', serviceId: 'svc-front-door', workers: 3, deputyCarriesCases: false },
  { id: 'team-cp-north', key: 'cp-north', name: 'Child protection North', serviceId: 'svc-cin-cp', workers: 3, deputyCarriesCases: false },
  { id: 'team-cp-south', key: 'cp-south', name: 'Child protection South', serviceId: 'svc-cin-cp', workers: 3, deputyCarriesCases: true },
  { id: 'team-disabled-children', key: 'disabled-children', name: 'Disabled children', serviceId: 'svc-cin-cp', workers: 2, deputyCarriesCases: true },
  { id: 'team-children-in-care', key: 'children-in-care', name: 'Children in care', serviceId: 'svc-care', workers: 3, deputyCarriesCases: false },
  { id: 'team-leaving-care', key: 'leaving-care', name: 'Leaving care', serviceId: 'svc-care', workers: 2, deputyCarriesCases: true },
];

export interface DemoOrganisation {
  services: Service[];
  teams: Team[];
  staff: StaffMember[];
  /** Staff who carry cases in each team (active workers, and deputies who also hold cases). */
  caseHoldersByTeam: Map<string, string[]>;
  /** A former worker: appears only among cases' past workers. */
  formerWorkerId: string;
}

export function buildDemoOrganisation(rng: SeededRandom): DemoOrganisation {
  const reserved = new Set(Object.values(featuredNames).flat());
  const firsts = rng.shuffle(firstNames.filter((n) => !reserved.has(n)));
  const lasts = rng.shuffle(surnames.filter((n) => !reserved.has(n)));
  let nameIndex = 0;
  const nameFor = (staffId: string): [string, string] => {
    const fixed = featuredNames[staffId];
    if (fixed) return fixed;
    const first = firsts[nameIndex];
    const last = lasts[nameIndex];
    nameIndex += 1;
    if (!first || !last) throw new Error('The demo name lists are too short for the demo staff');
    return [first, last];
  };

  const staff: StaffMember[] = [];
  const person = (
    staffId: string,
    jobRoles: JobRole[],
    teamId: string | null,
    lineManagerId: string | null,
    deputyId: string | null = null,
    extra: Partial<Pick<StaffMember, 'away' | 'active'>> = {},
  ): StaffMember => {
    const [first, last] = nameFor(staffId);
    const member: StaffMember = {
      id: staffId,
      displayName: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}@${DEMO_EMAIL_DOMAIN}`,
      entraObjectId: null,
      jobRoles,
      teamId,
      lineManagerId,
      deputyId,
      away: extra.away ?? false,
      active: extra.active ?? true,
    };
    staff.push(member);
    return member;
  };

  // Top of the chain first, so every line manager exists before the people who report to them.
  const director = person('sm-director', ['seniorManager'], null, null, 'hos-cin-cp');
  const psw = person('psw', ['principalSocialWorker', 'qaLead'], null, director.id, featuredStaffIds.qaLeadId);
  person(featuredStaffIds.qaLeadId, ['qaLead'], null, psw.id, psw.id);
  person('admin-business-support', ['administrator'], null, featuredStaffIds.qaLeadId);
  person('qa-officer', ['qaLead', 'administrator'], null, featuredStaffIds.qaLeadId);

  const services: Service[] = demoServicesPlan.map((s) => {
    const teamsOfService = demoTeamsPlan.filter((t) => t.serviceId === s.id);
    const coveringManager = teamsOfService[0] ? `tm-${teamsOfService[0].key}` : null;
    const hos = person(`hos-${s.key}`, ['headOfService'], null, director.id, coveringManager);
    return { id: s.id, name: s.name, headOfServiceId: hos.id };
  });

  const teams: Team[] = [];
  const caseHoldersByTeam = new Map<string, string[]>();
  for (const t of demoTeamsPlan) {
    const hosId = services.find((s) => s.id === t.serviceId)?.headOfServiceId ?? null;
    const managerId = `tm-${t.key}`;
    const deputyId = `dtm-${t.key}`;
    person(managerId, ['teamManager'], t.id, hosId, deputyId);
    person(deputyId, t.deputyCarriesCases ? ['deputyTeamManager', 'worker'] : ['deputyTeamManager'], t.id, managerId, managerId);
    const holders: string[] = t.deputyCarriesCases ? [deputyId] : [];
    for (let i = 1; i <= t.workers; i++) {
      // One worker is away, to show cover by the deputy.
      const away = t.key === 'cp-south' && i === 2;
      holders.push(person(`sw-${t.key}-${i}`, ['worker'], t.id, managerId, null, { away }).id);
    }
    caseHoldersByTeam.set(t.id, holders);
    teams.push({ id: t.id, name: t.name, serviceId: t.serviceId, managerId });
  }

  const former = person('sw-former', ['worker'], 'team-children-in-care', 'tm-children-in-care', null, { active: false });

  return { services, teams, staff, caseHoldersByTeam, formerWorkerId: former.id };
}
