// Typed permission strings and which role grants them. Checked on the server by requirePermission();
// the browser may use `can` only to hide buttons.
export type Permission =
  | 'edit:activity:own-organisation'
  | 'read:signup:own-organisation'
  | 'edit:signup:own-organisation'
  | 'manage:members:own-organisation'
  | 'moderate:organisation:own-kommune'
  | 'moderate:activity:own-kommune'
  | 'import:activity:own-kommune'
  | 'create:referral:own-kommune'
  | 'read:referral:own-kommune'
  | 'assign:referral:own-kommune'
  | 'manage:guide:own-kommune'
  | 'work:referral:assigned'
  | 'settle:support:own-kommune'
  | 'read:settlement:own-organisation'
  | 'manage:privacy:own-kommune'
  | 'manage:support:own-kommune'
  | 'manage:areas:own-kommune'
  | 'manage:lenders:own-kommune'
  | 'read:accessibility-report:own-kommune'
  | 'read:insight:own-kommune'
  | 'answer:insight:own-kommune';

export type Role = 'kommune_admin' | 'coordinator' | 'referrer' | 'guide' | 'club_admin' | 'club_editor';

export const rolePermissions: Record<Role, Permission[]> = {
  club_admin: ['edit:activity:own-organisation', 'read:signup:own-organisation', 'edit:signup:own-organisation', 'manage:members:own-organisation', 'read:settlement:own-organisation'],
  club_editor: ['edit:activity:own-organisation', 'read:signup:own-organisation', 'edit:signup:own-organisation'],
  kommune_admin: ['moderate:organisation:own-kommune', 'moderate:activity:own-kommune', 'import:activity:own-kommune', 'settle:support:own-kommune', 'manage:privacy:own-kommune', 'manage:support:own-kommune', 'manage:areas:own-kommune', 'manage:lenders:own-kommune', 'read:accessibility-report:own-kommune', 'read:insight:own-kommune', 'answer:insight:own-kommune'],
  // The dashboard (counts only, small ones hidden); the ALLEMED answers are the kommune admin's.
  coordinator: ['create:referral:own-kommune', 'read:referral:own-kommune', 'assign:referral:own-kommune', 'manage:guide:own-kommune', 'read:insight:own-kommune'],
  referrer: ['create:referral:own-kommune'],
  // A guide's access to one referral is decided per referral (assignment and consent), in mayRead().
  guide: ['work:referral:assigned'],
};

/** Roles that must use a second factor (TOTP) to sign in. */
export const rolesNeedingSecondFactor: Role[] = ['kommune_admin', 'coordinator', 'guide'];

export interface Membership {
  organisations: { organisationId: number; kommuneId: number; role: 'club_admin' | 'club_editor' }[];
  kommuner: { kommuneId: number; role: 'kommune_admin' | 'coordinator' | 'referrer' | 'guide' }[];
}

export type Scope = { organisationId: number } | { kommuneId: number };

/** Whether the memberships grant the permission within the scope (an organisation or a kommune). */
export function can(m: Membership, permission: Permission, scope: Scope) {
  if (permission.endsWith(':own-organisation')) {
    if (!('organisationId' in scope)) return false;
    return m.organisations.some((o) => o.organisationId === scope.organisationId && rolePermissions[o.role].includes(permission));
  }
  if (!('kommuneId' in scope)) return false;
  return m.kommuner.some((k) => k.kommuneId === scope.kommuneId && rolePermissions[k.role].includes(permission));
}
