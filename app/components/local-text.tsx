import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from '~/i18n';

export interface LocalText {
  text: string;
  lang: string;
  fallback: boolean;
}

/**
 * The direction of a text in `lang`, from the same list as the page's `<html dir>`. A text whose
 * language nobody knows (a name, a note someone typed) gets `auto`: the browser decides from its first
 * strong letter, so Arabic typed on a Norwegian page and Norwegian on an Arabic page both read right.
 */
export function dirOf(lang: string | null | undefined): 'ltr' | 'rtl' | 'auto' {
  return lang ? directionOf(lang) : 'auto';
}

/** What a club wrote that has no translations (its name, a venue's, a lender's): bokmål, like the source. */
export const bokmal = (text: string): LocalText => ({ text, lang: 'nb', fallback: false });

/** A club's text; when it is only in bokmål the reader is told so, and the text carries lang="nb" dir="ltr". */
export function LocalTextBlock({ value, as: Tag = 'p', className }: { value: LocalText; as?: 'p' | 'div' | 'span'; className?: string }) {
  const { t } = useTranslation('catalogue');
  if (!value.text) return null;
  return (
    <>
      {value.fallback ? <span className="fallback-notice">{t('fallback.onlyBokmal')}</span> : null}
      <Tag lang={value.lang} dir={dirOf(value.lang)} className={className}>
        {value.text}
      </Tag>
    </>
  );
}

export function LocalTextInline({ value }: { value: LocalText }) {
  return (
    <span lang={value.lang} dir={dirOf(value.lang)}>
      {value.text}
    </span>
  );
}

/** Text a person typed whose language is unknown (a guardian's name or message, a guide's note). */
export function UserText({ text, as: Tag = 'span', className }: { text: string | null | undefined; as?: 'span' | 'p' | 'dd' | 'strong'; className?: string }) {
  if (!text) return null;
  return (
    <Tag dir="auto" className={className}>
      {text}
    </Tag>
  );
}

/**
 * Phone numbers, e-mail addresses and clock times: left to right in every page. Without the isolation
 * an Arabic page shows "+47 912 34 567" as "567 34 912 47+".
 */
export function Ltr({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <span dir="ltr" className={className}>
      {children}
    </span>
  );
}

const SLOT = '\u2063';

/**
 * A translated sentence around a name that stays in bokmål ("تعديل Prestfoss"): the name carries its
 * own lang and dir, so a screen reader reads it as Norwegian and it sits right in Arabic text.
 * `sentence` is called with a placeholder in the name's place.
 */
export function SentenceWithName({ sentence, name }: { sentence: (slot: string) => string; name: string }) {
  const [before, after = ''] = sentence(SLOT).split(SLOT);
  return (
    <>
      {before}
      <LocalTextInline value={bokmal(name)} />
      {after}
    </>
  );
}
