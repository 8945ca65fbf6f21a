// Age bands of the dashboard (docs/decisions/027): the school stages families and kommuner talk in —
// småskole 6–9, mellomtrinn 10–12, ungdomsskole 13–15, videregående age 16–19.
export const ageBands = [
  { key: '6-9', min: 6, max: 9 },
  { key: '10-12', min: 10, max: 12 },
  { key: '13-15', min: 13, max: 15 },
  { key: '16-19', min: 16, max: 19 },
] as const;
export type AgeBand = (typeof ageBands)[number];

/** "13–15", with an en dash, as the bands are written everywhere on the page. */
export const bandLabel = (b: AgeBand) => `${b.min}\u2013${b.max}`;

/** An activity is for a band when its age range overlaps the band at all. */
export const activityInBand = (a: { ageMin: number; ageMax: number }, b: AgeBand) => a.ageMin <= b.max && a.ageMax >= b.min;

/** The band of one child's age, or null outside 6–19. */
export const bandOfAge = (age: number) => ageBands.findIndex((b) => age >= b.min && age <= b.max);
