import { createCookie } from '@remix-run/node';
import { RemixI18Next } from 'remix-i18next/server';
import i18nConfig, { languages } from './i18n';
import { resources } from './utils/locales.server';

/** The language choice is the one cookie a public page may set; it holds nothing but the code. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...languages],
    fallbackLanguage: i18nConfig.fallbackLng,
    cookie: languageCookie,
    searchParamKey: 'lng',
    order: ['searchParams', 'cookie', 'header'],
  },
  i18next: { ...i18nConfig, resources },
});

export default i18next;
