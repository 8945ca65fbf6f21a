import standard from '../../../docs/standards/hsds-3.0/openapi.json';
import { languages } from '../../i18n';
import { OPEN_DATA_LICENCE } from '../../utils/open-data.server';
import { HSDS_VERSION, PER_PAGE_DEFAULT, PER_PAGE_MAX } from './hsds.server';

// This API's own OpenAPI description, as the root's `openapi_url` promises: HSDS 3.0's openapi.json with
// our details filled in and only the paths and parameters we answer. HSDS 3.0 has no /locations; ours
// follows the pattern of its other paths. Words here are for developers, so they are English data.

type Response = { description: string; content?: Record<string, { schema: Record<string, unknown> }> };
type Operation = { description: string; summary: string; operationId: string; parameters?: unknown[]; responses: Record<string, Response> };
type PathItem = { parameters?: unknown[]; get: Operation };

const COMPILED = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/compiled';
const LOCATION = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/location.json';
const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const paging = [ref('page'), ref('per_page'), ref('lng')];

function pageOf(items: Record<string, unknown>, operationId: string, description: string): PathItem {
  const schema = { properties: { contents: { type: 'array', items } }, allOf: [{ $ref: '#/components/schemas/Page' }] };
  return { get: { description, summary: description, operationId, parameters: paging, responses: { 200: { description, content: { 'application/json': { schema } } } } } };
}

export function hsdsOpenApi(origin: string) {
  const paths = structuredClone(standard.paths) as unknown as Record<string, PathItem>;
  const only = <K extends string>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, paths[k]])) as Record<K, PathItem>;
  const kept = only('/', '/services', '/services/{id}', '/organizations', '/organizations/{id}', '/service_at_locations', '/service_at_locations/{id}');
  kept['/services'].get.parameters = [...paging, { ...ref('full'), description: 'true: each service fully nested, as /services/{id} gives it.' }];
  kept['/organizations'].get.parameters = paging;
  kept['/service_at_locations'].get.parameters = paging;
  for (const single of ['/services/{id}', '/organizations/{id}', '/service_at_locations/{id}'] as const) kept[single].get.parameters = [ref('lng')];
  // HSDS 3.0 names the service schema here; the answer is a service_at_location with its service nested.
  kept['/service_at_locations/{id}'].get.responses['200'].content!['application/json'].schema = { $ref: `${COMPILED}/service_at_location.json` };
  const locationId = { in: 'path', name: 'id', required: true, description: 'The id of the location.', schema: { type: 'string' } };
  const locations: Record<string, PathItem> = {
    '/locations': pageOf({ $ref: LOCATION }, 'getPaginatedListOfLocations', 'Paginated list of locations, each with its address.'),
    '/locations/{id}': {
      parameters: [locationId],
      get: {
        description: 'A location with its address and accessibility.',
        summary: 'A location with its address and accessibility.',
        operationId: 'getLocationById',
        parameters: [ref('lng')],
        responses: { 200: { description: 'The location.', content: { 'application/json': { schema: { $ref: LOCATION } } } } },
      },
    },
  };
  return {
    ...standard,
    info: {
      title: 'Fritidsportalen: leisure activities for children and young people (HSDS 3.0)',
      version: '1.0.0',
      summary: 'The published activities, clubs and venues of Fritidsportalen as Open Referral HSDS 3.0.',
      description: [
        'Read-only. A published activity is a service, the club that runs it an organization, its venue a location.',
        'Texts written by clubs are in Norwegian bokmål unless `lng` names a language the club has translated them into;',
        'names of categories, costs and languages follow `lng`.',
        'Schedule times are local time in Norway (Europe/Oslo). Amounts are in Norwegian kroner (NOK).',
        `Data licence: ${OPEN_DATA_LICENCE.name} (${OPEN_DATA_LICENCE.url}); the HSDS specification itself is CC BY-SA 4.0 by Open Referral.`,
        `HSDS version ${HSDS_VERSION}.`,
      ].join(' '),
      license: OPEN_DATA_LICENCE,
    },
    servers: [{ url: `${origin}/api/hsds` }],
    paths: { ...kept, ...locations },
    components: {
      ...standard.components,
      parameters: {
        page: standard.components.parameters.page,
        per_page: { ...standard.components.parameters.per_page, description: `Number of results in a page: ${PER_PAGE_DEFAULT} unless given, at most ${PER_PAGE_MAX}.` },
        full: standard.components.parameters.full,
        lng: {
          name: 'lng',
          in: 'query',
          required: false,
          description: 'The language of the texts: the activity’s own translation where it has one, else Norwegian bokmål (nb).',
          schema: { type: 'string', enum: [...languages], default: 'nb' },
        },
      },
    },
  };
}
