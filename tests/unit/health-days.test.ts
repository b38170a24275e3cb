import { HealthDayFolder, SLEEP_SESSION_GAP_S } from '../../src/domain/health-days';

const at = (iso: string) => new Date(iso);
const s = (iso: string) => Date.parse(iso) / 1000;

describe('HealthDayFolder', () => {
  it('dates a whole night by the day it ends, even its stages before midnight', () => {
    const folder = new HealthDayFolder('Europe/Berlin');
    // Sunday 15 March, 23:15–23:50 Berlin time (UTC+1), then 00:10–06:30 on Monday.
    folder.asleep(at('2026-03-15T22:15:00Z'), at('2026-03-15T22:50:00Z'));
    folder.asleep(at('2026-03-15T23:10:00Z'), at('2026-03-16T05:30:00Z'));
    // A nap on Monday afternoon, more than two hours later: another session, the same day.
    folder.asleep(at('2026-03-16T13:00:00Z'), at('2026-03-16T13:30:00Z'));
    // Monday night, ending on Tuesday.
    folder.asleep(at('2026-03-16T22:00:00Z'), at('2026-03-17T06:00:00Z'));
    expect(folder.days()).toEqual([
      { date: '2026-03-16', sleepIntervals: [[s('2026-03-15T22:15:00Z'), s('2026-03-15T22:50:00Z')], [s('2026-03-15T23:10:00Z'), s('2026-03-16T05:30:00Z')], [s('2026-03-16T13:00:00Z'), s('2026-03-16T13:30:00Z')]] },
      { date: '2026-03-17', sleepIntervals: [[s('2026-03-16T22:00:00Z'), s('2026-03-17T06:00:00Z')]] },
    ]);
    expect(SLEEP_SESSION_GAP_S).toBe(7200);
  });

  it('averages each metric over the day\'s readings in the athlete\'s zone', () => {
    const folder = new HealthDayFolder('America/New_York');
    folder.reading('restingHeartRate', at('2026-03-16T03:00:00Z'), 50); // 23:00 on 15 March in New York
    folder.reading('restingHeartRate', at('2026-03-16T12:00:00Z'), 52);
    folder.reading('restingHeartRate', at('2026-03-16T20:00:00Z'), 56);
    expect(folder.days()).toEqual([{ date: '2026-03-15', restingHeartRate: 50 }, { date: '2026-03-16', restingHeartRate: 54 }]);
  });
});
