import { exampleTabs, exampleVariables } from '../../src/graphiql';

// GraphiQL's example tabs open with variables that work (issue 16): ids of the token's
// organization, the last 365 days for Unix-second ranges, this month for date ranges.

const NOW = new Date('2026-11-30T09:00:00Z');
const samples = { athleteId: 7, groupId: 3 };

describe('example variables', () => {
  it('fills ids, timestamps and month dates of a query', () => {
    const text = 'query S($id: ID!, $from: Timestamp!, $to: Timestamp!, $timezone: TimeZone, $monthStart: Date!, $monthEnd: Date!) { viewer { role } }';
    const seconds = NOW.getTime() / 1000;
    expect(exampleVariables(text, samples, NOW)).toEqual({
      id: '7', from: seconds - 365 * 86_400, to: seconds, monthStart: '2026-11-01', monthEnd: '2026-11-30',
    });
  });

  it('takes the group for a group id, leaves optional and defaulted variables to the document', () => {
    expect(exampleVariables('query G($week: Date, $top: Int = 5, $drillGroupId: ID!) { viewer { role } }', samples, NOW)).toEqual({ drillGroupId: '3' });
  });

  it('gives nothing when a required variable has no sample, and nothing for a mutation', () => {
    expect(exampleVariables('query G($drillGroupId: ID!) { viewer { role } }', { athleteId: 7, groupId: null }, NOW)).toBeUndefined();
    expect(exampleVariables('mutation M($input: CreateLabelInput!) { createLabel(input: $input) { label { id } } }', samples, NOW)).toBeUndefined();
  });
});

describe('the example tabs', () => {
  it('open every query of operations/ that needs variables with working ones, and no mutation with any', () => {
    const tabs = exampleTabs(undefined, samples, NOW);
    const byName = new Map(tabs.map((tab) => [/(query|mutation|subscription) (\w+)/.exec(tab.query)![2], tab]));
    expect(JSON.parse(byName.get('AthleteProfile')!.variables!)).toEqual({ id: '7' });
    expect(JSON.parse(byName.get('AthleteStats')!.variables!)).toMatchObject({ id: '7', monthStart: '2026-11-01', monthEnd: '2026-11-30' });
    expect(JSON.parse(byName.get('GroupDashboard')!.variables!)).toEqual({ drillGroupId: '3' });
    for (const tab of tabs.filter((t) => /^(mutation|subscription) /m.test(t.query))) expect(tab.variables).toBeUndefined();
    expect(byName.get('OrganizationEvents')).toBeDefined();
    for (const tab of tabs.filter((t) => /^query \w+\(\$\w+: \w+!/m.test(t.query))) expect(tab.variables).toBeDefined();
  });
});
