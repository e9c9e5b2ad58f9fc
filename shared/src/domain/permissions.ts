/** CASL actions a Role permission may grant ('manage' means every action). */
export const PERMISSION_ACTIONS = ['manage', 'read', 'create', 'update', 'delete', 'send', 'assign'] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

/** CASL subjects a Role permission may name ('all' means every subject). */
export const PERMISSION_SUBJECTS = [
  'all',
  'Session',
  'Chat',
  'Message',
  'Media',
  'User',
  'Role',
  'Assignment',
  'AuditLog',
  'Dashboard',
  'System',
  'CannedReply',
  'Label',
  'Webhook',
  'ApiKey',
] as const;
export type PermissionSubject = (typeof PERMISSION_SUBJECTS)[number];

/** One CASL-style raw rule as stored on a Role. */
export interface Permission {
  action: PermissionAction;
  subject: PermissionSubject;
  /** Mongo-style query restricting the documents the rule applies to. */
  conditions?: Record<string, unknown>;
  /** Fields the rule is limited to; all fields when absent. */
  fields?: string[];
  /** True for a "cannot" rule. */
  inverted?: boolean;
}

/** Names of the roles the seed creates; they cannot be deleted. */
export const BUILT_IN_ROLES = ['admin', 'supervisor', 'employee'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** Languages users can pick for emails and the console. */
export const USER_LOCALES = ['es', 'en'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

/** Marker condition: "only chats assigned to this user" (the gateway expands it per subject). */
export const ASSIGNED_ONLY_CONDITION = { assigned: true } as const;

/** Placeholder replaced by the caller's user id inside permission conditions (e.g. `{ ownerId: '${user.id}' }`). */
export const USER_ID_PLACEHOLDER = '${user.id}';
const OWN = USER_ID_PLACEHOLDER;

/**
 * Permissions the seed stores on the built-in roles. Admin: everything. Supervisor: sessions,
 * chats, messages, media, assignments, canned replies (shared ones included), employees (never
 * admins), dashboards and the audit log; not roles or system settings. Employee: only assigned
 * chats (read chats, messages, media; send messages; upload media to send); reads shared canned
 * replies and manages their own (`ownerId` = themselves; shared ones have `ownerId: null`);
 * reads the team's labels and puts them on the chats they may read (`assign Label`), while
 * supervisors also define them.
 */
export const BUILT_IN_ROLE_PERMISSIONS: Record<BuiltInRole, Permission[]> = {
  admin: [{ action: 'manage', subject: 'all' }],
  supervisor: [
    { action: 'manage', subject: 'Session' },
    { action: 'manage', subject: 'Chat' },
    { action: 'manage', subject: 'Message' },
    { action: 'manage', subject: 'Media' },
    { action: 'manage', subject: 'Assignment' },
    { action: 'manage', subject: 'CannedReply' },
    { action: 'manage', subject: 'Label' },
    { action: 'read', subject: 'Dashboard' },
    { action: 'read', subject: 'AuditLog' },
    { action: 'read', subject: 'Role' },
    { action: 'manage', subject: 'User' },
    { action: 'manage', subject: 'User', inverted: true, conditions: { roleName: 'admin' } },
  ],
  employee: [
    { action: 'read', subject: 'Session', conditions: { ...ASSIGNED_ONLY_CONDITION } },
    { action: 'read', subject: 'Chat', conditions: { ...ASSIGNED_ONLY_CONDITION } },
    { action: 'read', subject: 'Message', conditions: { ...ASSIGNED_ONLY_CONDITION } },
    { action: 'send', subject: 'Message', conditions: { ...ASSIGNED_ONLY_CONDITION } },
    { action: 'read', subject: 'Media', conditions: { ...ASSIGNED_ONLY_CONDITION } },
    { action: 'create', subject: 'Media' },
    { action: 'read', subject: 'Assignment', conditions: { ...ASSIGNED_ONLY_CONDITION } },
    { action: 'read', subject: 'Label' },
    { action: 'assign', subject: 'Label' },
    { action: 'read', subject: 'CannedReply', conditions: { ownerId: null } },
    { action: 'read', subject: 'CannedReply', conditions: { ownerId: OWN } },
    { action: 'create', subject: 'CannedReply', conditions: { ownerId: OWN } },
    { action: 'update', subject: 'CannedReply', conditions: { ownerId: OWN } },
    { action: 'delete', subject: 'CannedReply', conditions: { ownerId: OWN } },
  ],
};

/** Descriptions of the built-in roles (Spanish / English). */
export const BUILT_IN_ROLE_DESCRIPTIONS: Record<BuiltInRole, string> = {
  admin: 'Administrador: acceso total / Administrator: full access',
  supervisor: 'Supervisor: sesiones, asignaciones y empleados / Supervisor: sessions, assignments and employees',
  employee: 'Empleado: solo chats asignados / Employee: assigned chats only',
};
