import { auditEvent } from '../../db/schema/index';
import { useTestDatabase } from '../setup/db';

const t = useTestDatabase();

describe('the audit log', () => {
  test('accepts new events but refuses UPDATE, DELETE and TRUNCATE', async () => {
    const [row] = await t.handle.db
      .insert(auditEvent)
      .values({ action: 'read', entity: 'referral', entityId: '1', detail: { field: 'all' } })
      .returning();
    await expect(t.handle.query(`update audit_event set action = 'x' where id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(t.handle.query(`delete from audit_event where id = $1`, [row.id])).rejects.toThrow(/append-only/);
    await expect(t.handle.query(`truncate audit_event`)).rejects.toThrow(/append-only/);
    const rows = await t.handle.query<{ action: string }>(`select action from audit_event where id = $1`, [row.id]);
    expect(rows).toEqual([{ action: 'read' }]);
  });
});
