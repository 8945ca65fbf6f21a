import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Money } from '~/components/activity-bits';
import { LocalTextBlock, LocalTextInline, type LocalText } from '~/components/local-text';

export type SchemeCardData = {
  slug: string;
  kind: string;
  covers: string[];
  maxAmountOre: number | null;
  discreetViaGuide: boolean;
  texts: Record<'name' | 'description' | 'whoCanGet' | 'howToApply', LocalText>;
};

/** A support scheme as families read it: on /stotte, and in the kommune's preview of a draft. */
export function SchemeCard({ scheme: s, children }: { scheme: SchemeCardData; children?: ReactNode }) {
  const { t } = useTranslation(['support', 'catalogue']);
  const { t: tc } = useTranslation('catalogue');
  return (
    <article id={`ordning-${s.slug}`} className="scheme-card">
      <h3>
        <LocalTextInline value={s.texts.name} />
      </h3>
      <p className="eyebrow">{t(`catalogue:schemeKind.${s.kind}`)}</p>
      <LocalTextBlock value={s.texts.description} />
      <dl className="facts facts--wide">
        <div>
          <dt>{t('whoCanGet')}</dt>
          <dd>
            <LocalTextBlock value={s.texts.whoCanGet} as="span" />
          </dd>
        </div>
        <div>
          <dt>{t('covers')}</dt>
          <dd>{s.covers.map((c) => t(`catalogue:costKind.${c}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('amount')}</dt>
          <dd>
            {s.maxAmountOre === null ? (
              t('wholeCost')
            ) : (
              <>
                {t('upTo')} <Money ore={s.maxAmountOre} t={tc} />
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('howToApply')}</dt>
          <dd>
            <LocalTextBlock value={s.texts.howToApply} as="span" />
          </dd>
        </div>
      </dl>
      {s.discreetViaGuide ? <p className="hint">{t('viaGuide')}</p> : null}
      {children}
    </article>
  );
}
