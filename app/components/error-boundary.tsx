import { isRouteErrorResponse, useRouteError } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { AppLink, useKeepLng } from './link';

/** The HTTP status an error stands for: a thrown Response keeps its own, anything else is a 500. */
export function errorStatus(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

/** Which of common's `error.*` texts a status shows. */
export const errorMessageKey = (status: number) => (status === 404 ? 'notFound' : status === 403 ? 'forbidden' : 'serverError');

/**
 * What went wrong, in the reader's language, and a way on: a search (a plain GET form, so it works
 * without JavaScript) and the home page. Shared by the root's boundary and every route's.
 */
export function ErrorContent({ status }: { status: number }) {
  const { t } = useTranslation('common');
  const lng = useKeepLng();
  const key = errorMessageKey(status);
  return (
    <div className="page narrow error-page">
      <h1>{t(`error.${key}.title`)}</h1>
      <p>{t(`error.${key}.body`)}</p>
      <form method="get" action="/aktiviteter" role="search" className="error-page__search">
        {lng ? <input type="hidden" name="lng" value={lng} /> : null}
        <label htmlFor="error-q">{t('error.search.label')}</label>
        <div className="inline-actions">
          <input id="error-q" name="q" type="search" dir="auto" />
          <button type="submit">{t('error.search.button')}</button>
        </div>
      </form>
      <p>
        <AppLink to="/">{t('error.home')}</AppLink>
      </p>
    </div>
  );
}

/**
 * A route's error boundary: rendered inside the root layout, so the header, the menu and the language
 * switch stay, and `<html lang dir>` stays the reader's. Every page route exports it as `ErrorBoundary`.
 */
export function RouteErrorBoundary() {
  const error = useRouteError();
  return <ErrorContent status={errorStatus(error)} />;
}
