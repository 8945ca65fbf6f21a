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
      .then(() => memoiseFixedT(i));
    instances.set(lng, instance);
  }
  return instance;
}

/**
 * Every component's `t` comes from getFixedT (react-i18next's useTranslation). A key without options
 * resolves to the same string on every page, as the resources never change in a running server; i18next
 * resolves it again each time (fallbacks, nesting, post-processing), which was about 40 % of a page's
 * render (issue 13). So those strings are kept per language, namespace and key. Calls with options
 * (interpolation, plurals, a default value) go to i18next as before.
 */
function memoiseFixedT(i: I18n): I18n {
  const resolved = new Map<string, string>();
  const original = i.getFixedT.bind(i);
  i.getFixedT = ((lng: string | readonly string[] | null, ns?: string | readonly string[] | null, keyPrefix?: string) => {
    const fixed = original(lng as string, ns as string, keyPrefix);
    const scope = `${String(lng)}|${Array.isArray(ns) ? ns.join(',') : String(ns)}|${keyPrefix ?? ''}|`;
    const memo = (key: unknown, ...rest: unknown[]) => {
      if (rest.length === 0 && typeof key === 'string') {
        const k = scope + key;
        let value = resolved.get(k);
        if (value === undefined) {
          const result: unknown = fixed(key);
          if (typeof result !== 'string') return result;
          value = result;
          resolved.set(k, value);
        }
        return value;
      }
      return (fixed as unknown as (...a: unknown[]) => unknown)(key, ...rest);
    };
    return Object.assign(memo, fixed);
  }) as I18n['getFixedT'];
  return i;
}

export async function getFixedT(locale: string, ns: string): Promise<TFunction> {
  return (await i18nInstance(locale)).getFixedT(locale, ns);
}
