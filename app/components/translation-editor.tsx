import { Form } from '@remix-run/react';
import { AppLink } from '~/components/link';
import { ErrorSummary, Field } from '~/components/ui/field';
import { directionOf, languageNames, type Language } from '~/i18n';

type Status = { language: Language; missing: string[] };
type Text = { field: string; original: string };

/**
 * One language's translation of a record's bokmål texts (`?sprak=so` picks the language), with every
 * language's missing texts listed above it. The words come from the page's own namespace.
 */
export function TranslationEditor(props: {
  language: Language;
  status: Status[];
  texts: Text[];
  current: Record<string, string>;
  actionData?: { errors?: Record<string, string>; values?: Record<string, string> };
  label: (field: string) => string;
  multiline: (field: string) => boolean;
  words: { languages: string; complete: string; missing: string; original: string; missingMark: string; save: string };
}) {
  const { language, status, texts, current, actionData, label, multiline, words } = props;
  const dir = directionOf(language);
  const missingHere = status.find((s) => s.language === language)?.missing ?? [];
  return (
    <>
      <nav aria-label={words.languages}>
        <ul className="plain-list translation-status">
          {status.map((s) => (
            <li key={s.language}>
              <AppLink to={`?sprak=${s.language}`} aria-current={s.language === language ? 'page' : undefined}>
                <span lang={s.language} dir={directionOf(s.language)}>
                  {languageNames[s.language]}
                </span>
              </AppLink>{' '}
              {s.missing.length === 0 ? (
                <span className="tag tag--done">{words.complete}</span>
              ) : (
                <span className="translation-status__which">
                  {words.missing}: {s.missing.map(label).join(', ')}
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      <ErrorSummary errors={actionData?.errors} />
      {/* A new language is a new form: the browser must not keep the last language's typed text. */}
      <Form key={language} method="post" className="form" noValidate>
        <input type="hidden" name="language" value={language} />
        <h2>
          <span lang={language} dir={dir}>
            {languageNames[language]}
          </span>
        </h2>
        {texts.map((x) => (
          <div key={x.field} className="translation-field">
            <p className="hint">
              {label(x.field)} ({words.original}):{' '}
              <span lang="nb" dir="ltr">
                {x.original}
              </span>{' '}
              {missingHere.includes(x.field) ? <span className="tag tag--missing">{words.missingMark}</span> : null}
            </p>
            <Field
              name={x.field}
              as={multiline(x.field) ? 'textarea' : 'input'}
              label={label(x.field)}
              lang={language}
              dir={dir}
              error={actionData?.errors?.[x.field]}
              defaultValue={actionData?.values?.[x.field] ?? current[x.field] ?? ''}
            />
          </div>
        ))}
        <div>
          <button type="submit">{words.save}</button>
        </div>
      </Form>
    </>
  );
}
