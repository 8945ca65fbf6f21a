import type { Category } from '../catalogue/taxonomy';

// Concepts from OpenActive's Activity List and Accessibility Support lists (CC BY 4.0, copies with their
// licence in docs/standards/openactive/). Only physical activities are in the Activity List: the
// categories missing here (music, brass band, art, drama, chess, gaming, scouting, youth clubs, and a
// club's own "other") are not published in the OpenActive feeds but in the HSDS API
// (docs/decisions/024-openactive-feeds.md).

const ACTIVITY_LIST = 'https://openactive.io/activity-list';

const activities: Partial<Record<Category, { id: string; prefLabel: string }>> = {
  fotball: { id: '0a5f732d-e806-4e51-ad40-0a7de0239c8c', prefLabel: 'Football' },
  handball: { id: '14232d6d-5e9d-493d-b4a9-ce2061b79ba5', prefLabel: 'Handball' },
  svomming: { id: '2750229d-b725-4171-9276-376be913957c', prefLabel: 'Swimming' },
  friidrett: { id: '4d280e1b-a370-4582-ab4d-442b2eeaf5d4', prefLabel: 'Athletics' },
  ski: { id: '3a25e627-27b4-4f2b-ae93-4caf8278b02c', prefLabel: 'Skiing' },
  turn: { id: 'f6ccded0-2666-4a51-88a4-ed6905bb4313', prefLabel: 'Gymnastics' },
  dans: { id: '6ca15167-51da-4d91-a1ae-8a45dc47b0ea', prefLabel: 'Dance' },
  kampsport: { id: '2330f2d4-d0dc-4231-8dd9-07d37a452228', prefLabel: 'Martial Arts' },
  klatring: { id: 'd09970bc-e11c-40cc-a594-38e4ff32d611', prefLabel: 'Climbing' },
  ridning: { id: '45a372d9-baca-4f6c-859f-04de3efae742', prefLabel: 'Equestrian' },
  sykkel: { id: '4a19873e-118e-43f4-b86e-05acba8fb1de', prefLabel: 'Cycling' },
  friluftsliv: { id: '619f374a-c1b6-48d2-aabe-a01b6dedb9fd', prefLabel: 'Hiking' },
};

/** The activity concept of a category, or null when OpenActive has none (then it is not in the feeds). */
export function openActiveActivity(category: string) {
  const c = activities[category as Category];
  return c ? { '@type': 'Concept', '@id': `${ACTIVITY_LIST}#${c.id}`, prefLabel: c.prefLabel, inScheme: ACTIVITY_LIST } : null;
}

const ACCESSIBILITY = 'https://openactive.io/accessibility-support';
const support = {
  visual: { id: '1393f2dc-3fcc-4be9-a99f-f1e51f5ad277', prefLabel: 'Visual impairment' },
  hearing: { id: '2bfb7228-5969-4927-8435-38b5005a8771', prefLabel: 'Hearing impairment' },
  physical: { id: 'dd026873-6713-4ea1-af5a-08901f651d98', prefLabel: 'Physical impairment' },
  learning: { id: '67902468-fd49-4238-8650-20a22d7f0e40', prefLabel: 'Learning impairment' },
};

// Our adaptations in OpenActive's terms. "sensory" (adapted for sight or hearing) names two concepts;
// "disability" (adapted for disabilities) names physical and learning impairment. Step-free access is a
// property of the venue, and small groups or a welcome for a personal assistant have no concept.
const byAdaptation: Record<string, (keyof typeof support)[]> = {
  disability: ['physical', 'learning'],
  sensory: ['visual', 'hearing'],
};

export function accessibilitySupport(adaptations: string[]) {
  const keys = [...new Set(adaptations.flatMap((a) => byAdaptation[a] ?? []))];
  return keys.map((k) => ({ '@type': 'Concept', '@id': `${ACCESSIBILITY}#${support[k].id}`, prefLabel: support[k].prefLabel, inScheme: ACCESSIBILITY }));
}
