import { getFixedT, getLocale } from '~/i18n.server';

/** A public page's meta description in the reader's language (`common:meta.<page>`), for publicMeta() in app/utils/seo.ts. */
export async function pageDescription(request: Request, page: string, values?: Record<string, string>) {
  return (await getFixedT(await getLocale(request), 'common'))(`meta.${page}`, values);
}
