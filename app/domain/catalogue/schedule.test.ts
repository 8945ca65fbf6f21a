import { exceptionDateProblem, isoWeekday } from './schedule';

describe('days without practice', () => {
  const tueThu = { sessionWeekdays: [4, 2], seasonStart: '2026-08-15', seasonEnd: '2027-06-15' };

  test('23 December 2026 is a Wednesday and is refused for an activity on Tuesdays and Thursdays, with both weekdays named', () => {
    expect(isoWeekday('2026-12-23')).toBe(3);
    expect(exceptionDateProblem('2026-12-23', tueThu)).toEqual({ reason: 'weekday', date: '2026-12-23', weekday: 3, sessionWeekdays: [2, 4] });
  });

  test('a Tuesday or a Thursday inside the season is accepted', () => {
    expect(exceptionDateProblem('2026-12-22', tueThu)).toBeNull();
    expect(exceptionDateProblem('2026-12-24', tueThu)).toBeNull();
  });

  test('a session day outside the season is refused, and so is any date when nothing meets weekly', () => {
    expect(exceptionDateProblem('2027-06-22', tueThu)).toMatchObject({ reason: 'outsideSeason' });
    expect(exceptionDateProblem('2026-12-22', { sessionWeekdays: [] })).toEqual({ reason: 'noSessions', date: '2026-12-22' });
  });

  test('Sunday is weekday 7', () => {
    expect(isoWeekday('2026-12-27')).toBe(7);
    expect(exceptionDateProblem('2026-12-27', { sessionWeekdays: [7] })).toBeNull();
  });
});
