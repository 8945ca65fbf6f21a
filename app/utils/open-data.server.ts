// What every open-data answer says: any site may read it from the browser, caches may keep it a few
// minutes (a club's change shows within that time), and the licence travels with the data.

export const OPEN_DATA_LICENCE = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const;

export const OPEN_DATA_MAX_AGE = 300;

export function openDataHeaders(contentType: string, maxAge = OPEN_DATA_MAX_AGE) {
  return {
    'Content-Type': contentType,
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': `public, max-age=${maxAge}`,
    Link: `<${OPEN_DATA_LICENCE.url}>; rel="license"`,
  };
}

/** A JSON answer of an open-data API; errors are kept for a minute only. */
export function openDataJson(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: openDataHeaders('application/json; charset=utf-8', status === 200 ? OPEN_DATA_MAX_AGE : 60) });
}
