// Matching (DESIGN.md "Matching"): hard filters first, then a score in which every point has a reason
// in plain words, so a coordinator or a guide can explain the choice to the family. Pure functions:
// the callers load the candidates; reasons are translation keys with their parameters.

export type Reason = { key: string; params?: Record<string, string | number> };

export interface GuideCandidate {
  userId: string;
  kommuneId: number;
  active: boolean;
  volunteer: boolean;
  gender: 'female' | 'male' | 'other' | null;
  languages: string[];
  areaIds: number[];
  interests: string[];
  capacity: number;
  /** Children assigned now. */
  load: number;
  politiattestVerified: boolean;
  confidentialitySigned: boolean;
}

export interface ReferralForMatching {
  kommuneId: number;
  areaId: number | null;
  guardianLanguage: string;
  homeLanguages: string[];
  interests: string[];
  wishes: { gender?: 'female' | 'male' };
}

export type RankedGuide = { userId: string; score: number; reasons: Reason[] };

/** Why a guide cannot take the child, or null when they can. */
export function guideExcluded(g: GuideCandidate, r: ReferralForMatching): string | null {
  if (!g.active) return 'inactive';
  if (g.kommuneId !== r.kommuneId) return 'otherKommune';
  if (g.load >= g.capacity) return 'full';
  if (!g.confidentialitySigned) return 'noConfidentiality';
  if (g.volunteer && !g.politiattestVerified) return 'noPolitiattest';
  // A profile without languages or areas is not finished (the coordinator's list says so): not matched yet.
  if (!g.languages.length) return 'noLanguages';
  if (!g.areaIds.length) return 'noAreas';
  return null;
}

export function rankGuides(r: ReferralForMatching, guides: GuideCandidate[]): RankedGuide[] {
  const ranked: RankedGuide[] = [];
  for (const g of guides) {
    if (guideExcluded(g, r)) continue;
    let score = 0;
    const reasons: Reason[] = [];
    if (r.guardianLanguage !== 'nb' && g.languages.includes(r.guardianLanguage)) {
      score += 40;
      reasons.push({ key: 'speaksLanguage', params: { language: r.guardianLanguage } });
    } else {
      const shared = r.homeLanguages.find((l) => l !== 'nb' && g.languages.includes(l));
      if (shared) {
        score += 20;
        reasons.push({ key: 'speaksLanguage', params: { language: shared } });
      }
    }
    if (r.areaId !== null && g.areaIds.includes(r.areaId)) {
      score += 25;
      reasons.push({ key: 'coversArea' });
    }
    const interests = r.interests.filter((i) => g.interests.includes(i));
    if (interests.length) {
      score += Math.min(15, interests.length * 5);
      reasons.push({ key: 'sharesInterests', params: { interests: interests.join(', ') } });
    }
    if (r.wishes.gender) {
      if (g.gender === r.wishes.gender) {
        score += 15;
        reasons.push({ key: 'fitsWish' });
      } else score -= 30;
    }
    const free = g.capacity - g.load;
    score += Math.round(10 * (free / g.capacity));
    reasons.push({ key: 'hasCapacity', params: { free } });
    ranked.push({ userId: g.userId, score, reasons });
  }
  return ranked.sort((a, b) => b.score - a.score || a.userId.localeCompare(b.userId));
}

export interface ActivityCandidate {
  id: number;
  kommuneId: number;
  category: string;
  ageMin: number;
  ageMax: number;
  openForNew: boolean;
  lat: number | null;
  lon: number | null;
  weekdays: number[];
  totalCostPerYearOre: number;
  freePlaces: number;
  leaderLanguages: string[];
  adaptations: string[];
  trialSession: boolean;
}

export interface ChildForMatching {
  age: number;
  kommuneId: number;
  /** The centre of the child's area. */
  lat: number | null;
  lon: number | null;
  interests: string[];
  languages: string[];
  /** Weekdays that suit the family, if known. */
  weekdays?: number[];
  needsAdaptation?: string[];
  /** Travel limit outside the own kommune, in km. */
  travelKm?: number;
}

export type RankedActivity = { id: number; score: number; reasons: Reason[] };

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }) {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return 6371 * Math.sqrt(x * x + y * y);
}

export function recommendActivities(child: ChildForMatching, activities: ActivityCandidate[]): RankedActivity[] {
  const out: RankedActivity[] = [];
  for (const a of activities) {
    if (child.age < a.ageMin || child.age > a.ageMax || !a.openForNew) continue;
    if ((child.needsAdaptation ?? []).some((n) => !a.adaptations.includes(n))) continue;
    const km = child.lat !== null && child.lon !== null && a.lat !== null && a.lon !== null ? distanceKm({ lat: child.lat, lon: child.lon }, { lat: a.lat, lon: a.lon }) : null;
    if (a.kommuneId !== child.kommuneId && (km === null || km > (child.travelKm ?? 15))) continue;
    let score = 0;
    const reasons: Reason[] = [];
    if (child.interests.includes(a.category)) {
      score += 30;
      reasons.push({ key: 'interest', params: { category: a.category } });
    }
    if (km !== null) {
      score += Math.round(20 * Math.max(0, 1 - km / 10));
      reasons.push({ key: 'distance', params: { km: km.toFixed(1) } });
    }
    if (child.weekdays?.length && a.weekdays.some((d) => child.weekdays!.includes(d))) {
      score += 10;
      reasons.push({ key: 'weekdays', params: { days: a.weekdays.filter((d) => child.weekdays!.includes(d)).join(',') } });
    }
    if (a.freePlaces > 0) {
      score += 15;
      reasons.push({ key: 'freePlace' });
    } else if (a.totalCostPerYearOre === 0) {
      score += 15;
      reasons.push({ key: 'free' });
    }
    const language = child.languages.find((l) => l !== 'nb' && a.leaderLanguages.includes(l));
    if (language) {
      score += 15;
      reasons.push({ key: 'leaderSpeaks', params: { language } });
    }
    if (a.trialSession) {
      score += 5;
      reasons.push({ key: 'trial' });
    }
    out.push({ id: a.id, score, reasons });
  }
  return out.sort((x, y) => y.score - x.score || x.id - y.id);
}
