// Shared by server and browser: which languages exist and how i18next is set up for them.
export const languages = ['nb', 'nn', 'se', 'en', 'pl', 'lt', 'uk', 'ar', 'so', 'ti', 'ur'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'nb';
export const rtlLanguages: readonly Language[] = ['ar', 'ur'];

/** Each language in its own name, for the switcher. */
export const languageNames: Record<Language, string> = {
  nb: 'Norsk bokmål',
  nn: 'Norsk nynorsk',
  se: 'Davvisámegiella',
  en: 'English',
  pl: 'Polski',
  lt: 'Lietuvių',
  uk: 'Українська',
  ar: 'العربية',
  so: 'Soomaali',
  ti: 'ትግርኛ',
  ur: 'اردو',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function directionOf(language: string): 'ltr' | 'rtl' {
  return rtlLanguages.includes(language as Language) ? 'rtl' : 'ltr';
}

export default {
  supportedLngs: [...languages],
  fallbackLng: defaultLanguage,
  defaultNS: 'common',
  // Bokmål is the source: a missing key falls back to it rather than showing the key.
  interpolation: { escapeValue: false },
};
