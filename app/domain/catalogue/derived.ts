import nbCatalogue from '../../../locales/nb/catalogue.json';
import type { ActivityCost, ActivityEquipment } from '../../../db/schema/activity';
import { totalCostPerYear } from './cost';
import { foldForSearch } from './fold';

type Derivable = {
  title: string;
  category: string;
  /** The club's own word for the kind when the category is 'annet' ("bordtennis"): searched like a category name. */
  categoryOther?: string | null;
  organisationName: string;
  costs: Pick<ActivityCost, 'amountOre' | 'period' | 'optional' | 'kind'>[];
  equipment: Pick<ActivityEquipment, 'required' | 'source' | 'typicalPriceOre'>[];
  freePlaces: number;
  supportSchemes: number;
};

/** A confirmation keeps a listing public for a season and a grace period; after that it leaves the search. */
export const CONFIRMATION_VALID_DAYS = 240;

const categoryLabels = nbCatalogue.category as Record<string, string>;

/** The columns of `activity` that are derived from its child rows; written together with them. */
export function derivedActivityFields(input: Derivable) {
  const searchKeywords = [categoryLabels[input.category] ?? input.category, input.categoryOther, input.organisationName].filter(Boolean).join(' ');
  return {
    totalCostPerYearOre: totalCostPerYear(input.costs, input.equipment),
    hasLendableEquipment: input.equipment.some((e) => e.source === 'lend'),
    hasSupport: input.supportSchemes > 0 || input.freePlaces > 0,
    freePlaces: input.freePlaces,
    searchKeywords,
    searchFolded: foldForSearch(`${input.title} ${searchKeywords}`),
  };
}
