// Codes shared by the database, the search filters and the UI; their labels live in locales/*/catalogue.json.

export const categories = [
  'fotball',
  'handball',
  'svomming',
  'friidrett',
  'ski',
  'turn',
  'dans',
  'kampsport',
  'musikk',
  'korps',
  'kunst',
  'teater',
  'sjakk',
  'friluftsliv',
  'klatring',
  'ridning',
  'gaming',
  'speider',
  'fritidsklubb',
  'sykkel',
  // Anything else (table tennis, chess club for girls, …): the club names the kind in its own words.
  'annet',
] as const;
export type Category = (typeof categories)[number];

/** The category whose activities carry a free-text kind (`activity.category_other`). */
export const OTHER_CATEGORY = 'annet' satisfies Category;

export const adaptations = ['step_free', 'disability', 'sensory', 'small_groups', 'assistant_welcome'] as const;
export type Adaptation = (typeof adaptations)[number];

/** Languages a leader can speak; codes are ISO 639-1 where one exists. */
export const leaderLanguages = ['nb', 'en', 'se', 'pl', 'lt', 'uk', 'ar', 'so', 'ti', 'ur', 'fa', 'ku'] as const;

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** The text fields of an activity a club can translate (bokmål lives on the activity itself). */
export const translatableFields = ['title', 'description', 'firstTimeInfo', 'whatToBring'] as const;

/**
 * An equipment item's translation is stored with the activity's, keyed by the item's bokmål text: the
 * editor replaces the equipment rows on every save, so their ids do not last, and a changed text needs
 * a new translation anyway.
 */
export const equipmentField = (item: string) => `equipment:${item}`;
