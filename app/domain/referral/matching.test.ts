import { distanceKm, rankGuides, recommendActivities, type ActivityCandidate, type GuideCandidate, type ReferralForMatching } from './matching';

const guide = (over: Partial<GuideCandidate>): GuideCandidate => ({
  userId: 'g', kommuneId: 1, active: true, volunteer: false, gender: 'female', languages: ['nb'], areaIds: [99], interests: [],
  capacity: 5, load: 0, politiattestVerified: true, confidentialitySigned: true, ...over,
});
const referral: ReferralForMatching = { kommuneId: 1, areaId: 10, guardianLanguage: 'ar', homeLanguages: ['ar', 'nb'], interests: ['fotball'], wishes: {} };

describe('ranking guides for a referral', () => {
  test('hard filters: kommune, capacity, confidentiality, a politiattest for volunteers, a finished profile', () => {
    const ranked = rankGuides(referral, [
      guide({ userId: 'other-kommune', kommuneId: 2 }),
      guide({ userId: 'full', load: 5 }),
      guide({ userId: 'no-declaration', confidentialitySigned: false }),
      guide({ userId: 'volunteer-without', volunteer: true, politiattestVerified: false }),
      guide({ userId: 'inactive', active: false }),
      guide({ userId: 'no-languages', languages: [] }),
      guide({ userId: 'no-areas', areaIds: [] }),
      guide({ userId: 'ok', volunteer: true }),
    ]);
    expect(ranked.map((g) => g.userId)).toEqual(['ok']);
  });

  test('the guardian’s language, the area and shared interests rank first, each with its reason', () => {
    const ranked = rankGuides(referral, [
      guide({ userId: 'norwegian-only', areaIds: [10] }),
      guide({ userId: 'arabic-here', languages: ['nb', 'ar'], areaIds: [10], interests: ['fotball'] }),
      guide({ userId: 'arabic-elsewhere', languages: ['ar'] }),
    ]);
    expect(ranked.map((g) => g.userId)).toEqual(['arabic-here', 'arabic-elsewhere', 'norwegian-only']);
    expect(ranked[0].reasons.map((r) => r.key)).toEqual(['speaksLanguage', 'coversArea', 'sharesInterests', 'hasCapacity']);
    expect(ranked[0].reasons[0].params).toEqual({ language: 'ar' });
  });

  test('a family’s wish about the guide’s gender counts, and load breaks ties', () => {
    const ranked = rankGuides({ ...referral, wishes: { gender: 'female' } }, [
      guide({ userId: 'male', gender: 'male', languages: ['ar'] }),
      guide({ userId: 'female-busy', gender: 'female', languages: ['ar'], load: 4 }),
      guide({ userId: 'female-free', gender: 'female', languages: ['ar'], load: 0 }),
    ]);
    expect(ranked.map((g) => g.userId)).toEqual(['female-free', 'female-busy', 'male']);
    expect(ranked[0].reasons.some((r) => r.key === 'fitsWish')).toBe(true);
  });
});

const activity = (over: Partial<ActivityCandidate>): ActivityCandidate => ({
  id: 1, kommuneId: 1, category: 'dans', ageMin: 6, ageMax: 18, openForNew: true, lat: 59.97, lon: 10.02, weekdays: [2],
  totalCostPerYearOre: 200000, freePlaces: 0, leaderLanguages: ['nb'], adaptations: [], trialSession: false, ...over,
});
const child = { age: 10, kommuneId: 1, lat: 59.97, lon: 10.02, interests: ['fotball'], languages: ['so', 'nb'], weekdays: [2, 4] };

describe('recommending activities for a child', () => {
  test('hard filters: age, open for new members, needed adaptations, and the kommune or travel limit', () => {
    const ids = recommendActivities({ ...child, needsAdaptation: ['step_free'] }, [
      activity({ id: 1, ageMin: 12 }),
      activity({ id: 2, openForNew: false }),
      activity({ id: 3 }),
      activity({ id: 4, adaptations: ['step_free'] }),
      activity({ id: 5, adaptations: ['step_free'], kommuneId: 2, lat: 60.5, lon: 9.0 }),
      activity({ id: 6, adaptations: ['step_free'], kommuneId: 2, lat: 59.98, lon: 10.03 }),
    ]).map((a) => a.id);
    expect(ids.sort()).toEqual([4, 6]);
  });

  test('interests, distance, a free place, a leader who speaks the child’s language: each a reason in order', () => {
    const ranked = recommendActivities(child, [
      activity({ id: 1, category: 'dans', lat: 60.05, lon: 9.9 }),
      activity({ id: 2, category: 'fotball', freePlaces: 2, leaderLanguages: ['nb', 'so'], weekdays: [4], trialSession: true }),
      activity({ id: 3, category: 'fotball', totalCostPerYearOre: 0 }),
    ]);
    expect(ranked.map((a) => a.id)).toEqual([2, 3, 1]);
    expect(ranked[0].reasons.map((r) => r.key)).toEqual(['interest', 'distance', 'weekdays', 'freePlace', 'leaderSpeaks', 'trial']);
    expect(ranked[0].reasons.find((r) => r.key === 'distance')!.params).toEqual({ km: '0.0' });
    expect(ranked[0].reasons.find((r) => r.key === 'leaderSpeaks')!.params).toEqual({ language: 'so' });
  });

  test('distance is in kilometres', () => {
    // Vikersund to Geithus, about 4 km as the crow flies.
    expect(distanceKm({ lat: 59.9667, lon: 10.0256 }, { lat: 59.9372, lon: 9.9689 })).toBeGreaterThan(3.5);
    expect(distanceKm({ lat: 59.9667, lon: 10.0256 }, { lat: 59.9372, lon: 9.9689 })).toBeLessThan(5);
  });
});
