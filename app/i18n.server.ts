import { createCookie } from '@remix-run/node';
import { createInstance, type i18n as I18n, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LanguageDetector } from 'remix-i18next/server';
import i18nConfig, { languages, type Language } from './i18n';
import { resources } from './utils/locales.server';

/** The language choice is the one cookie a public page may set; it holds nothing but the code. */
export const languageCookie = createCookie('lng', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const detector = new LanguageDetector({
  supportedLanguages: [...languages],
  fallbackLanguage: i18nConfig.fallbackLng,
  cookie: languageCookie,
  searchParamKey: 'lng',
  order: ['searchParams', 'cookie', 'header'],
});

// One request asks for its language several times (root, route, document); detect it once.
const detected = new WeakMap<Request, Promise<string>>();

/** `?lng=`, then the cookie, then Accept-Language, then bokmål. */
export function getLocale(request: Request): Promise<string> {
  let locale = detected.get(request);
  if (!locale) {
    locale = detector.detect(request);
    detected.set(request, locale);
  }
  return locale;
}

// One initialised i18next per language, made at first use and shared by all requests in that language:
// creating an instance per request was the largest cost of a page (measured with --cpu-prof).
const instances = new Map<string, Promise<I18n>>();

export function i18nInstance(locale: string): Promise<I18n> {
  const lng = (languages as readonly string[]).includes(locale) ? (locale as Language) : i18nConfig.fallbackLng;
  let instance = instances.get(lng);
  if (!instance) {
    const i = createInstance();
    instance = i
      .use(initReactI18next)
      .init({ ...i18nConfig, lng, ns: Object.keys(resources.nb), resources })
      .then(() => i);
    instances.set(lng, instance);
  }
  return instance;
}

export async function getFixedT(locale: string, ns: string): Promise<TFunction> {
  return (await i18nInstance(locale)).getFixedT(locale, ns);
}
