// `npm run open-data:refresh`: fills the OpenActive feeds at once from every activity (after restoring a
// backup, or on a new database that should not wait for the sweep). Safe beside running servers: it takes
// the same lease as their job, and stands aside while one of them holds it.
import { refreshOpenData } from '../app/domain/opendata/feeds.server';
import { startDatabase } from '../app/utils/db.server';

const database = await startDatabase();
const result = await refreshOpenData({ all: true });
console.log(result.skipped ? 'open-data: another server is refreshing the feeds now; try again in a few minutes' : `open-data: ${result.activities} activities read, ${result.changed} items written`);
await database.close();
process.exit(result.skipped ? 1 : 0);
