import { adminRoutes } from './admin/admin.ts';
import { assignmentRoutes } from './assignments/assignments.ts';
import { auditRoutes } from './audit/audit.ts';
import { authRoutes } from './auth/auth.ts';
import { mediaRoutes } from './media/mediaRoutes.ts';
import { messageRoutes } from './messages/messages.ts';
import { roleRoutes } from './roles/roles.ts';
import { monitoringRoutes } from './sessions/monitoring.ts';
import { sessionRoutes } from './sessions/sessions.ts';
import type { RouteDef } from './types.ts';
import { userRoutes } from './users/users.ts';

/**
 * Every REST route of the gateway, declared once. The router, the OpenAPI document and the
 * authorisation-matrix test all read this table. Static paths come before parameterised ones.
 */
export const ROUTES: readonly RouteDef[] = [
  ...authRoutes,
  ...userRoutes,
  ...roleRoutes,
  ...monitoringRoutes,
  ...sessionRoutes,
  ...messageRoutes,
  ...mediaRoutes,
  ...assignmentRoutes,
  ...adminRoutes,
  ...auditRoutes,
];
