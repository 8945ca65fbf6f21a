import { hsdsOpenApi } from '~/domain/opendata/hsds-openapi.server';
import { publicUrl } from '~/utils/env.server';
import { openDataJson } from '~/utils/open-data.server';

/** The OpenAPI description of /api/hsds (HSDS 3.0's, with our paths and parameters). */
export function loader() {
  return openDataJson(hsdsOpenApi(publicUrl()));
}
