import { groupDigits, kroner } from './format';

test('a grouped amount keeps its digit order inside right-to-left text', () => {
  expect(kroner(253000)).toBe('\u20662\u00a0530\u2069');
  expect(groupDigits(1234567)).toBe('\u20661\u00a0234\u00a0567\u2069');
  // Short numbers need no isolate: nothing in them can be reordered.
  expect(kroner(53000)).toBe('530');
  expect(groupDigits(-7)).toBe('7');
});
