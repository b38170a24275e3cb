import { signalEvents, type SignalPayload } from '../../src/domain/live-events';

const signal = (metric: SignalPayload['metric'], severity: SignalPayload['severity'] = 'MEDIUM', direction: SignalPayload['direction'] = 'DOWN', current = 50): SignalPayload => ({
  metric, severity, direction, previous: 70, current, change: current - 70, reason: `${metric} moved`,
});

describe('signalEvents: what changed between the published signals and those in force', () => {
  test('nothing published and nothing now is no event', () => {
    expect(signalEvents(7, [], [])).toEqual([]);
  });

  test('a new metric is raised, a gone one cleared (cleared first, each in metric order)', () => {
    const events = signalEvents(7, [signal('VO2MAX'), signal('HRV')], [signal('RECOVERY_SCORE'), signal('ACWR_HIGH', 'HIGH', 'UP')]);
    expect(events.map((e) => [e.kind, (e.payload as SignalPayload).metric])).toEqual([
      ['SIGNAL_CLEARED', 'HRV'], ['SIGNAL_CLEARED', 'VO2MAX'], ['SIGNAL_RAISED', 'ACWR_HIGH'], ['SIGNAL_RAISED', 'RECOVERY_SCORE'],
    ]);
    expect(events.every((e) => e.athleteId === 7)).toBe(true);
  });

  test('values moving alone are not news; a new severity or direction is raised again', () => {
    expect(signalEvents(7, [signal('HRV', 'MEDIUM', 'DOWN', 50)], [signal('HRV', 'MEDIUM', 'DOWN', 48)])).toEqual([]);
    expect(signalEvents(7, [signal('HRV', 'MEDIUM')], [signal('HRV', 'HIGH')])).toEqual([{ kind: 'SIGNAL_RAISED', athleteId: 7, payload: signal('HRV', 'HIGH') }]);
    expect(signalEvents(7, [signal('HRV', 'LOW', 'UP')], [signal('HRV', 'MEDIUM', 'DOWN')]).map((e) => e.kind)).toEqual(['SIGNAL_RAISED']);
  });

  test('a cleared signal carries its last published values', () => {
    const last = signal('RECOVERY_SCORE', 'HIGH', 'DOWN', 30);
    expect(signalEvents(3, [last], [])).toEqual([{ kind: 'SIGNAL_CLEARED', athleteId: 3, payload: last }]);
  });
});
