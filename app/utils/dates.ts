// Calendar days as people in Norway see them: a date typed in a form, a period, "today", all in Oslo
// time, whatever the server's own time zone (UTC on most hosts, where 00:30 in Oslo is yesterday).

// Made once: a new Intl.DateTimeFormat costs about 0.4 ms, which a list of a hundred dates feels.
const osloDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });
const osloWall = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const osloClock = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Oslo', hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });

/** A moment's wall-clock parts in Oslo. */
const wallParts = (at: Date) => Object.fromEntries(osloWall.formatToParts(at).map((x) => [x.type, x.value]));

/** The Oslo calendar day of a moment, as `YYYY-MM-DD`. */
export function osloDate(at: Date) {
  return osloDay.format(at);
}

/** Whether `YYYY-MM-DD` is a day that exists (not 31 November). */
export function isRealDate(day: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const d = new Date(`${day}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/** The Oslo day `days` after (or before) a moment's day. */
export function osloDayPlus(at: Date, days: number) {
  const [y, m, d] = osloDate(at).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days, 12)).toISOString().slice(0, 10);
}

/** The moment a wall-clock time in Oslo (`YYYY-MM-DD`, `HH:MM`) is, across summer time. */
export function osloMoment(day: string, time: string) {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  // Oslo is one or two hours ahead: the offset at the guessed moment, checked once more at the result
  // (the guess can fall on the other side of a change of summer time).
  const offsetAt = (t: number) => {
    const p = wallParts(new Date(t));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(t / 60_000) * 60_000;
  };
  let at = asUtc - offsetAt(asUtc);
  at = asUtc - offsetAt(at);
  return new Date(at);
}

/** A moment's wall-clock time in Oslo, as `HH:MM`. */
export function osloTime(at: Date) {
  return osloClock.format(at);
}

/** A moment as Oslo wall-clock time with its offset, `2026-12-08T17:00:00+01:00` (what OpenActive and schema.org want). */
export function osloIso(at: Date) {
  const p = wallParts(at);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  const offset = Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${sign}${hh}:${mm}`;
}
