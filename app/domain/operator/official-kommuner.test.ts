import { readFileSync } from 'node:fs';
import list from '../../../db/data/kommuner.json';
import { findOfficialKommune, officialKommuner } from './official-kommuner';

// The fylker of the 2024 county reform; every kommune number starts with one of them.
const fylker2024 = ['03', '11', '15', '18', '31', '32', '33', '34', '39', '40', '42', '46', '50', '55', '56'];

describe('the official list of kommuner (SSB classification 131, 2024)', () => {
  test('has 357 unique four-digit numbers, each in a 2024 fylke, every fylke used', () => {
    expect(officialKommuner).toHaveLength(357);
    const numbers = officialKommuner.map((k) => k.number);
    expect(new Set(numbers).size).toBe(357);
    for (const n of numbers) expect(n).toMatch(/^\d{4}$/);
    for (const n of numbers) expect(fylker2024).toContain(n.slice(0, 2));
    expect(new Set(numbers.map((n) => n.slice(0, 2)))).toEqual(new Set(fylker2024));
    for (const k of officialKommuner) expect(k.name.trim()).toBe(k.name);
  });

  test('names its source, version, date and licence, with the licence text beside it', () => {
    expect(list.source).toMatch(/classification 131/);
    expect(list.validFrom).toBe('2024-01-01');
    expect(list.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(list.url).toMatch(/^https:\/\/data\.ssb\.no\//);
    expect(list.licence).toMatch(/CC BY 4\.0/);
    expect(readFileSync(new URL('../../../db/data/kommuner.LICENCE.md', import.meta.url), 'utf8')).toMatch(/Statistisk sentralbyrå/);
  });

  test.each([
    ['0301', 'Oslo'],
    ['3316', 'Modum'],
    ['3318', 'Krødsherad'],
    ['3332', 'Sigdal'],
    ['3320', 'Flå'],
    ['5501', 'Tromsø'],
    ['1508', 'Ålesund'],
    ['1580', 'Haram'],
    ['4601', 'Bergen'],
    ['5001', 'Trondheim'],
  ])('knows %s %s', (number, name) => {
    const found = findOfficialKommune(number, name);
    expect(found.ok).toBe(true);
  });

  test('a name with Sámi or Kven forms accepts the full name and each form, in any case and dash', () => {
    for (const name of ['Guovdageaidnu - Kautokeino', 'Kautokeino', 'Guovdageaidnu', 'guovdageaidnu – KAUTOKEINO']) {
      expect(findOfficialKommune('5612', name)).toMatchObject({ ok: true, kommune: { number: '5612', name: 'Guovdageaidnu - Kautokeino' } });
    }
    expect(findOfficialKommune('5536', 'Yykeä').ok).toBe(true);
    expect(findOfficialKommune('1515', 'Herøy').ok).toBe(true);
    expect(findOfficialKommune('1515', 'Herøy (Møre og Romsdal)').ok).toBe(true);
  });

  test('refuses an unknown number, a malformed one, and a name that belongs to another number', () => {
    expect(findOfficialKommune('3399', 'Modum')).toEqual({ ok: false, reason: 'unknownNumber' });
    // Modum's number before the 2024 reform (Viken, 30xx) is no longer a kommune.
    expect(findOfficialKommune('3047', 'Modum')).toEqual({ ok: false, reason: 'unknownNumber' });
    expect(findOfficialKommune('316', 'Modum')).toEqual({ ok: false, reason: 'badNumber' });
    expect(findOfficialKommune('3316', 'Sigdal')).toEqual({ ok: false, reason: 'wrongName', expected: 'Modum' });
    expect(findOfficialKommune('5612', 'Kautokeino - Karasjok').ok).toBe(false);
  });
});
