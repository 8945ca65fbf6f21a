// Small pieces of an activity's facts. They take the page's `t` (catalogue namespace) instead of each
// calling useTranslation: a result list renders them hundreds of times.
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { kroner } from '~/utils/format';

export function Money({ ore, t }: { ore: number; t: TFunction }) {
  return <>{t('money.kr', { amount: kroner(ore) })}</>;
}

export function TotalCost({ ore, t }: { ore: number; t: TFunction }) {
  if (ore === 0) return <strong className="cost cost--free">{t('cost.free')}</strong>;
  return <strong className="cost">{t('cost.perYear', { amount: kroner(ore) })}</strong>;
}

export function AgeRange({ min, max, t }: { min: number; max: number; t: TFunction }) {
  return <>{t('age.range', { min, max })}</>;
}

type Session = { weekday: number | null; start: string; end: string };

/** "Tuesday 17:00–18:30, Thursday 17:00–18:30" with translated weekday names. */
export function Schedule({ sessions, t }: { sessions: Session[]; t: TFunction }) {
  if (!sessions.length) return <>{t('schedule.none')}</>;
  // The times are isolated left to right: in an Arabic line "17:00–18:30" would otherwise flip.
  return (
    <>
      {sessions.map((s, i) => (
        <Fragment key={i}>
          {i ? ', ' : null}
          {s.weekday ? `${t(`weekday.${s.weekday}`)} ` : null}
          <span dir="ltr">
            {s.start}–{s.end}
          </span>
        </Fragment>
      ))}
    </>
  );
}

type BadgeInput = {
  trialSession: boolean;
  hasLendableEquipment: boolean;
  hasSupport: boolean;
  freePlaces: number;
  dropIn: boolean;
  leaderLanguages: string[];
  adaptations: string[];
};

/** Badges in words, with an icon hidden from screen readers. */
export function Badges({ activity, t }: { activity: BadgeInput; t: TFunction }) {
  const badges: [string, string][] = [];
  if (activity.trialSession) badges.push(['🎟️', t('badge.trial')]);
  if (activity.hasLendableEquipment) badges.push(['🎒', t('badge.lend')]);
  if (activity.hasSupport) badges.push(['🤝', t('badge.support')]);
  if (activity.dropIn) badges.push(['🚪', t('badge.dropIn')]);
  if (activity.adaptations.includes('step_free')) badges.push(['♿', t('badge.stepFree')]);
  if (activity.adaptations.includes('disability')) badges.push(['💚', t('badge.disability')]);
  const languages = activity.leaderLanguages.filter((l) => l !== 'nb');
  if (languages.length) badges.push(['💬', t('badge.speaks', { languages: languages.map((l) => t(`languageName.${l}`)).join(', ') })]);
  if (!badges.length) return null;
  return (
    <ul className="badges">
      {badges.map(([icon, text]) => (
        <li key={text} className="badge">
          <span aria-hidden="true">{icon}</span> {text}
        </li>
      ))}
    </ul>
  );
}
