import official from '../../../db/data/kommuner.json';
import { countyOf } from './counties';

test('every kommune in the official list has its county', () => {
  const missing = official.kommuner.filter((k) => !countyOf(k.number)).map((k) => `${k.number} ${k.name}`);
  expect(missing).toEqual([]);
  expect(countyOf('3316')).toBe('Buskerud');
  expect(countyOf('0301')).toBe('Oslo');
});
