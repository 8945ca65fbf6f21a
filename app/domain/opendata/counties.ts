// The county (fylke) of a kommune, from the first two digits of its number (SSB's kommuneinndeling of
// 2024, the one db/data/kommuner.json holds). HSDS addresses require a state_province.

const counties: Record<string, string> = {
  '03': 'Oslo',
  '11': 'Rogaland',
  '15': 'Møre og Romsdal',
  '18': 'Nordland',
  '31': 'Østfold',
  '32': 'Akershus',
  '33': 'Buskerud',
  '34': 'Innlandet',
  '39': 'Vestfold',
  '40': 'Telemark',
  '42': 'Agder',
  '46': 'Vestland',
  '50': 'Trøndelag',
  '55': 'Troms',
  '56': 'Finnmark',
};

export function countyOf(kommuneNumber: string): string | undefined {
  return counties[kommuneNumber.slice(0, 2)];
}
