// Emoji icons: no image requests, and they read well on any phone. Hidden from screen readers,
// which read the category name next to them.
const icons: Record<string, string> = {
  fotball: '⚽', handball: '🤾', svomming: '🏊', friidrett: '🏃', ski: '⛷️', turn: '🤸', dans: '💃',
  kampsport: '🥋', musikk: '🎸', korps: '🎺', kunst: '🎨', teater: '🎭', sjakk: '♟️', friluftsliv: '🏕️',
  klatring: '🧗', ridning: '🐴', gaming: '🎮', speider: '🧭', fritidsklubb: '🏠', sykkel: '🚲',
};

export function CategoryIcon({ category }: { category: string }) {
  return (
    <span className="category-icon" aria-hidden="true">
      {icons[category] ?? '•'}
    </span>
  );
}
