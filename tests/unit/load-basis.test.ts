import {
  estimateHrMax, estimateHrRest, estimatesMoved, resolveLoadBasis, thresholdPaceFromVdot, type LoadEstimates,
} from '../../src/domain/load-basis';

const readings = (pairs: [string, number][]) => pairs.map(([date, value]) => ({ date, value }));

describe('HR max estimate', () => {
  it('takes the highest reading a second run confirms within 5 bpm, so a lone spike is left out', () => {
    const runs = readings([['2026-03-01', 228], ['2026-05-02', 191], ['2026-06-10', 188], ['2026-07-04', 176], ['2026-08-01', 90]]);
    // 228 has no reading within 5 bpm; 191 has 188; 90 is not a credible max.
    expect(estimateHrMax(runs)).toEqual({ value: 191, readings: 4, since: '2026-05-02' });
  });

  it('takes the only credible reading, and none from nothing credible', () => {
    expect(estimateHrMax(readings([['2026-01-01', 185], ['2026-01-02', 240]]))).toEqual({ value: 185, readings: 1, since: '2026-01-01' });
    expect(estimateHrMax(readings([['2026-01-01', 110]]))).toBeNull();
    expect(estimateHrMax([])).toBeNull();
  });

  it('takes the highest when no reading is confirmed', () => {
    expect(estimateHrMax(readings([['2026-01-01', 200], ['2026-01-02', 180], ['2026-01-03', 160]]))).toEqual({ value: 200, readings: 3, since: '2026-01-01' });
  });
});

describe('resting HR estimate', () => {
  it('is the median of the ISO week with the lowest median, among weeks of three readings or more', () => {
    const days = readings([
      // Week of Mon 2026-11-02: 50, 52, 54 -> 52.
      ['2026-11-02', 50], ['2026-11-03', 52], ['2026-11-04', 54],
      // Week of 2026-11-09: 48, 49, 47, 60 -> 48.5, the lowest.
      ['2026-11-09', 48], ['2026-11-10', 49], ['2026-11-11', 47], ['2026-11-15', 60],
      // Week of 2026-11-16: one reading of 40 (a bad strap morning): too few to count.
      ['2026-11-16', 40],
    ]);
    expect(estimateHrRest(days)).toEqual({ value: 48.5, readings: 4, since: '2026-11-09' });
  });

  it('uses weeks with fewer readings when no week has three', () => {
    expect(estimateHrRest(readings([['2026-11-02', 55], ['2026-11-10', 51], ['2026-11-11', 53]]))).toEqual({ value: 52, readings: 2, since: '2026-11-09' });
    expect(estimateHrRest(readings([['2026-11-02', 10]]))).toBeNull();
  });
});

describe('threshold pace from VDOT', () => {
  // Daniels' Running Formula T-pace table: VDOT 30 6:24/km, 40 5:06, 50 4:15, 60 3:40, 70 3:14.
  it.each([[30, 384], [40, 306], [50, 255], [60, 220], [70, 194]])("VDOT %i gives Daniels' T pace of %i s/km within 1.5 s", (vdot, pace) => {
    expect(Math.abs(thresholdPaceFromVdot(vdot) - pace)).toBeLessThan(1.5);
  });
});

describe('estimates moving, and the basis settings and estimates give', () => {
  const stored: LoadEstimates = { hrMax: { value: 190, readings: 10, since: '2026-01-01' }, hrRest: { value: 50, readings: 5, since: '2026-01-05' }, vdot: null };

  it('moves beyond 2 bpm for HR, 1 point of VDOT, or when one appears or goes', () => {
    expect(estimatesMoved(stored, { ...stored, hrMax: { value: 192, readings: 11, since: '2026-02-01' } })).toBe(false);
    expect(estimatesMoved(stored, { ...stored, hrMax: { value: 193, readings: 11, since: '2026-02-01' } })).toBe(true);
    expect(estimatesMoved(stored, { ...stored, hrRest: null })).toBe(true);
    expect(estimatesMoved(stored, { ...stored, vdot: { value: 45, readings: 1, since: '2026-02-01' } })).toBe(true);
  });

  it('takes each setting first, each missing one from its estimate, and the threshold pace from the VDOT', () => {
    const basis = resolveLoadBasis({ sex: 'female', hrMax: 185, hrRest: null, thresholdPaceSPerKm: null, vdot: null }, { ...stored, vdot: { value: 50, readings: 1, since: '2026-10-10' } });
    expect(basis.hrMax).toEqual({ value: 185, source: 'settings', readings: null, since: null });
    expect(basis.hrRest).toEqual({ value: 50, source: 'estimated', readings: 5, since: '2026-01-05' });
    expect(basis.vdot).toEqual({ value: 50, source: 'estimated', readings: 1, since: '2026-10-10' });
    expect(basis.thresholdPace).toMatchObject({ value: expect.closeTo(255.3, 0), source: 'estimated', since: '2026-10-10' });
    const set = resolveLoadBasis({ sex: null, hrMax: null, hrRest: null, thresholdPaceSPerKm: 270, vdot: 55 }, { hrMax: null, hrRest: null, vdot: null });
    expect(set.thresholdPace).toEqual({ value: 270, source: 'settings', readings: null, since: null });
    expect(set.hrMax.source).toBe('none');
  });
});
