import { useTranslation } from 'react-i18next';

export interface LocalText {
  text: string;
  lang: string;
  fallback: boolean;
}

/** A club's text; when it is only in bokmål the reader is told so, and the text carries lang="nb". */
export function LocalTextBlock({ value, as: Tag = 'p', className }: { value: LocalText; as?: 'p' | 'div' | 'span'; className?: string }) {
  const { t } = useTranslation('catalogue');
  if (!value.text) return null;
  return (
    <>
      {value.fallback ? <span className="fallback-notice">{t('fallback.onlyBokmal')}</span> : null}
      <Tag lang={value.lang} className={className}>
        {value.text}
      </Tag>
    </>
  );
}

export function LocalTextInline({ value }: { value: LocalText }) {
  return <span lang={value.lang}>{value.text}</span>;
}
