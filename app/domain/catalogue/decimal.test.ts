import { parseDecimal } from './decimal';

describe('the editor’s number parser', () => {
  test.each([
    ['59,9', 59.9],
    ['59.96', 59.96],
    ['1 250,50', 1250.5],
    ['1\u00a0250,50', 1250.5],
    ['1\u202f250', 1250],
    ['1.250,50', 1250.5],
    ['1,250.50', 1250.5],
    ['1.000.000', 1000000],
    ['  300 ', 300],
    ['-5', -5],
    ['\u22125,5', -5.5],
    ['٥٩٫٩', 59.9],
    ['۱۲۵۰', 1250],
    [',5', 0.5],
  ])('%j is %d', (raw, expected) => {
    expect(parseDecimal(raw)).toBe(expected);
  });

  test.each(['', '   ', 'abc', '59,9,1', '1,2.3,4', '12a', '1.00.0', '--5', '5-', '.', ','])('%j is not a number', (raw) => {
    expect(parseDecimal(raw)).toBeNull();
  });

  test('a number stays itself; anything else is not a number', () => {
    expect(parseDecimal(12.5)).toBe(12.5);
    expect(parseDecimal(Number.NaN)).toBeNull();
    expect(parseDecimal(undefined)).toBeNull();
  });
});
