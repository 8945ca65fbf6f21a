import { hsdsRoot } from '~/domain/opendata/hsds.server';
import { publicUrl } from '~/utils/env.server';
import { openDataJson } from '~/utils/open-data.server';

/** The HSDS API's root: which HSDS version it speaks and where its OpenAPI description is. */
export function loader() {
  return openDataJson(hsdsRoot(publicUrl()));
}
