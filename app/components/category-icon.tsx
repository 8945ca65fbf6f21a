import { useTranslation } from 'react-i18next';

// Emoji icons: no image requests, and they read well on any phone. Hidden from screen readers,
// which read the category name next to them.
const icons: Record<string, string> = {
  fotball: '⚽', handball: '🤾', svomming: '🏊', friidrett: '🏃', ski: '⛷️', turn: '🤸', dans: '💃',
  kampsport: '🥋', musikk: '🎸', korps: '🎺', kunst: '🎨', teater: '🎭', sjakk: '♟️', friluftsliv: '🏕️',
  klatring: '🧗', ridning: '🐴', gaming: '🎮', speider: '🧭', fritidsklubb: '🏠', sykkel: '🚲', annet: '✳️',
};

/**
 * The category's name; for 'annet' the kind the club wrote instead ("bordtennis"), which is bokmål
 * whatever the page's language, so it says so (and keeps its own direction on right-to-left pages).
 */
export function CategoryName({ category, other }: { category: string; other?: string | null }) {
  const { t } = useTranslation('catalogue');
  return other ? (
    <span lang="nb" dir="auto">
      {other}
    </span>
  ) : (
    <>{t(`category.${category}`)}</>
  );
}

export function CategoryIcon({ category }: { category: string }) {
  return (
    <span className="category-icon" aria-hidden="true">
      {icons[category] ?? '•'}
    </span>
  );
}
