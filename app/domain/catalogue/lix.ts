/**
 * LIX readability (Björnsson): words per sentence plus the share of words longer than six letters.
 * Under 30 is very easy, 30–40 easy, 40–50 medium, over 50 hard. Used as a hint, never a rule.
 */
export function lix(text: string) {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) return 0;
  const sentences = Math.max(1, (text.match(/[.!?:]+(\s|$)/g) ?? []).length);
  const long = words.filter((w) => w.length > 6).length;
  return Math.round(words.length / sentences + (long * 100) / words.length);
}

export type LixLevel = 'veryEasy' | 'easy' | 'medium' | 'hard';

export function lixLevel(score: number): LixLevel {
  return score < 30 ? 'veryEasy' : score < 40 ? 'easy' : score < 50 ? 'medium' : 'hard';
}
