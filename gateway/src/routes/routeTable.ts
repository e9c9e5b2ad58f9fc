import { adminRoutes } from './admin/admin.ts';
import { apiKeyRoutes } from './apiKeys/apiKeys.ts';
import { assignmentRoutes } from './assignments/assignments.ts';
import { autoAssignRoutes } from './assignments/autoAssign.ts';
import { auditRoutes } from './audit/audit.ts';
import { authRoutes } from './auth/auth.ts';
import { cannedReplyRoutes } from './cannedReplies/cannedReplies.ts';
import { cannedFileRoutes } from './cannedReplies/cannedFile.ts';
import { inboxRoutes } from './inbox/inbox.ts';
import { searchRoutes } from './search/search.ts';
import { starredRoutes } from './search/starred.ts';
import { labelRoutes } from './labels/labels.ts';
import { agentRoutes } from './users/agents.ts';
import { mediaRoutes } from './media/mediaRoutes.ts';
import { chatActionRoutes } from './messages/chatActions.ts';
import { chatBlockRoutes } from './messages/chatBlock.ts';
import { chatOptOutRoutes } from './messages/chatOptOut.ts';
import { eventChangeRoutes } from './messages/eventChanges.ts';
import { messageChangeRoutes } from './messages/messageChanges.ts';
import { messageStarRoutes } from './messages/messageStars.ts';
import { forwardRoutes } from './messages/forwardMessage.ts';
import { acceptInviteRoutes } from './messages/acceptInvite.ts';
import { chatPinRoutes } from './messages/chatPin.ts';
import { memberReceiptRoutes } from './messages/memberReceipts.ts';
import { chatSnoozeRoutes } from './messages/chatSnooze.ts';
import { chatNameRoutes } from './messages/chatName.ts';
import { chatExportRoutes } from './messages/chatExport.ts';
import { chatNoteRoutes } from './messages/chatNotes.ts';
import { scheduledMessageRoutes } from './messages/scheduledMessages.ts';
import { broadcastListRoutes } from './messages/broadcastList.ts';
import { broadcastRoutes } from './messages/broadcasts.ts';
import { messageRoutes } from './messages/messages.ts';
import { numberCheckRoutes } from './messages/numberCheck.ts';
import { startChatRoutes } from './messages/startChat.ts';
import { chatProfileRoutes } from './messages/chatProfile.ts';
import { groupChangeRoutes } from './messages/groupChanges.ts';
import { groupRequestRoutes } from './messages/groupRequests.ts';
import { groupInfoRoutes } from './messages/groupInfo.ts';
import { reportRoutes } from './reports/reports.ts';
import { roleRoutes } from './roles/roles.ts';
import { monitoringRoutes } from './sessions/monitoring.ts';
import { sessionLifecycleRoutes } from './sessions/lifecycle.ts';
import { sessionRoutes } from './sessions/sessions.ts';
import { businessHoursRoutes } from './sessions/businessHours.ts';
import type { RouteDef } from './types.ts';
import { userRoutes } from './users/users.ts';
import { webhookRoutes } from './webhooks/webhooks.ts';

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
  ...sessionLifecycleRoutes,
  ...businessHoursRoutes,
  ...messageRoutes,
  ...chatActionRoutes,
  ...chatBlockRoutes,
  ...chatOptOutRoutes,
  ...messageChangeRoutes,
  ...eventChangeRoutes,
  ...messageStarRoutes,
  ...forwardRoutes,
  ...acceptInviteRoutes,
  ...numberCheckRoutes,
  ...startChatRoutes,
  ...chatProfileRoutes,
  ...groupInfoRoutes,
  ...groupChangeRoutes,
  ...groupRequestRoutes,
  ...chatSnoozeRoutes,
  ...chatPinRoutes,
  ...memberReceiptRoutes,
  ...chatNameRoutes,
  ...chatExportRoutes,
  ...chatNoteRoutes,
  ...scheduledMessageRoutes,
  ...broadcastRoutes,
  ...broadcastListRoutes,
  ...inboxRoutes,
  ...searchRoutes,
  ...starredRoutes,
  ...labelRoutes,
  ...agentRoutes,
  ...mediaRoutes,
  ...assignmentRoutes,
  ...autoAssignRoutes,
  ...adminRoutes,
  ...reportRoutes,
  ...auditRoutes,
  ...cannedReplyRoutes,
  ...cannedFileRoutes,
  ...webhookRoutes,
  ...apiKeyRoutes,
];
