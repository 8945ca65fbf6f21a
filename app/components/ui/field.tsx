import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  name: string;
  label: string;
  type?: string;
  hint?: string;
  error?: string;
  /** The error as the reader sees it, when the form words it itself (e.g. with the field's name in it). */
  errorText?: string;
  defaultValue?: string | number;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'text';
  as?: 'input' | 'textarea' | 'select';
  /** For `as="select"`: the choices, after an empty one that says `placeholder`. */
  options?: { value: string; label: string }[];
  placeholder?: string;
  lang?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
};

/** `required` means common's `errors.required`; a key that names its namespace (`guides:errors.capacity`) is used as it is. */
export const errorKey = (key: string) => (key.includes(':') ? key : `errors.${key}`);

/**
 * Free text may be typed in any script: `auto` lets the browser follow what is typed. Addresses and
 * numbers stay left to right in a right-to-left page.
 */
function typedDir(as: NonNullable<Props['as']>, type: string, inputMode: Props['inputMode']): 'ltr' | 'auto' | undefined {
  if (as === 'select') return undefined;
  if (type === 'email' || type === 'tel' || type === 'url' || inputMode === 'numeric' || inputMode === 'tel' || inputMode === 'email') return 'ltr';
  if (as === 'textarea' || type === 'text' || type === 'search') return 'auto';
  return undefined;
}

/** A labelled input, text area or select with its hint and its translated error, wired for screen readers. */
export function Field({ name, label, type = 'text', hint, error, errorText, defaultValue, required, autoComplete, inputMode, as = 'input', options = [], placeholder, lang, dir }: Props) {
  const { t } = useTranslation('common');
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = { id, name, defaultValue, required, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, lang, dir: dir ?? typedDir(as, type, inputMode) };
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field__error">
          {errorText ?? t(errorKey(error))}
        </span>
      ) : null}
      {as === 'textarea' ? (
        <textarea rows={4} {...common} />
      ) : as === 'select' ? (
        <select {...common} defaultValue={defaultValue ?? ''}>
          <option value="">{placeholder ?? ''}</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input type={type} autoComplete={autoComplete} inputMode={inputMode} {...common} />
      )}
    </div>
  );
}

/**
 * With JavaScript, a summary link moves to its input without changing the address: a new hash is a
 * navigation to the router, which would drop the action's answer and with it every error on the page.
 * Without JavaScript the plain #link does the same.
 */
function focusField(event: React.MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  const input = target?.matches('input, select, textarea') ? target : target?.querySelector<HTMLElement>('input, select, textarea');
  if (!input) return;
  event.preventDefault();
  input.focus();
  // The label and the message stand above the input: bring them into view with it.
  (input.closest('.field, fieldset') ?? input).scrollIntoView({ block: 'start' });
}

/** A summary at the top of a form that failed, so keyboard and screen-reader users find the errors. */
/** `labels` names each field in its line ("E-post: Skriv en gyldig e-postadresse"), for forms whose messages do not. */
export function ErrorSummary({ errors, messages, labels }: { errors?: Record<string, string>; messages?: Record<string, string>; labels?: Record<string, string> }) {
  const { t } = useTranslation('common');
  const ref = useRef<HTMLDivElement>(null);
  // A form sent with JavaScript keeps the page where it was (the bottom of a long form): the summary is
  // focused, and so scrolled to, each time a new answer brings errors. Without JavaScript the page loads from the top.
  useEffect(() => {
    if (errors && Object.keys(errors).length) ref.current?.focus();
  }, [errors]);
  if (!errors || !Object.keys(errors).length) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" tabIndex={-1}>
      <h2>{t('errors.summary')}</h2>
      <ul>
        {Object.entries(errors).map(([field, key]) => (
          <li key={field}>
            <a href={`#field-${field}`} onClick={(event) => focusField(event, `field-${field}`)}>
              {labels?.[field] ? `${labels[field]}: ` : null}
              {messages?.[field] ?? t(errorKey(key))}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
