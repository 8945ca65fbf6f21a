import { languageNames, languages } from '~/i18n';

/** A field people never see; bots fill it, and the server then refuses the form. */
export function Honeypot() {
  return (
    <div className="honeypot" aria-hidden="true">
      <label htmlFor="field-website">Website</label>
      <input id="field-website" name="website" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

/** A choice among the eleven languages, each in its own name. */
export function LanguageSelect({ name, label, defaultValue }: { name: string; label: string; defaultValue: string }) {
  return (
    <div className="field">
      <label htmlFor={`field-${name}`}>{label}</label>
      <select id={`field-${name}`} name={name} defaultValue={defaultValue}>
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
