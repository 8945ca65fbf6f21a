import { osloDate, osloIso, osloMoment, osloTime } from './dates';

test('Oslo wall-clock times across summer time, and back as date-times with their offset', () => {
  expect(osloMoment('2026-12-08', '17:00').toISOString()).toBe('2026-12-08T16:00:00.000Z');
  expect(osloMoment('2026-06-08', '17:00').toISOString()).toBe('2026-06-08T15:00:00.000Z');
  // The night summer time ends (25 October 2026): 03:30 is after the change.
  expect(osloMoment('2026-10-25', '03:30').toISOString()).toBe('2026-10-25T02:30:00.000Z');
  expect(osloIso(osloMoment('2026-12-08', '17:00'))).toBe('2026-12-08T17:00:00+01:00');
  expect(osloIso(osloMoment('2026-06-08', '09:05'))).toBe('2026-06-08T09:05:00+02:00');
  expect(osloTime(new Date('2026-12-07T23:30:00Z'))).toBe('00:30');
  expect(osloDate(new Date('2026-12-07T23:30:00Z'))).toBe('2026-12-08');
});
