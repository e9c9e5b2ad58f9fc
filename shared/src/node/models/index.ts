import type { Model } from 'mongoose';
import { ApiKey } from './apiKey.ts';
import { Assignment } from './assignment.ts';
import { AuditLog } from './auditLog.ts';
import { AuthKey } from './authKey.ts';
import { AuthState } from './authState.ts';
import { AutoAssignRule } from './autoAssignRule.ts';
import { BusinessHours } from './businessHours.ts';
import { CannedReply } from './cannedReply.ts';
import { Chat } from './chat.ts';
import { ChatNote } from './chatNote.ts';
import { ClusterNode } from './clusterNode.ts';
import { Label } from './label.ts';
import { Media } from './media.ts';
import { Message } from './message.ts';
import { PasswordResetToken } from './passwordResetToken.ts';
import { Role } from './role.ts';
import { ScheduledMessage } from './scheduledMessage.ts';
import { SendKey } from './sendKey.ts';
import { StarredMessage } from './starredMessage.ts';
import { Session } from './session.ts';
import { SessionEvent } from './sessionEvent.ts';
import { SessionLease } from './sessionLease.ts';
import { User } from './user.ts';
import { Webhook } from './webhook.ts';
import { WebhookCursor } from './webhookCursor.ts';
import { WebhookDelivery } from './webhookDelivery.ts';

export * from './apiKey.ts';
export * from './assignment.ts';
export * from './auditLog.ts';
export * from './authKey.ts';
export * from './authState.ts';
export * from './autoAssignRule.ts';
export * from './businessHours.ts';
export * from './cannedReply.ts';
export * from './chat.ts';
export * from './chatHandled.ts';
export * from './chatNote.ts';
export * from './chatPin.ts';
export * from './parkedAnswer.ts';
export * from './messageReceipt.ts';
export * from './clusterNode.ts';
export * from './label.ts';
export * from './media.ts';
export * from './message.ts';
export * from './incomingMessage.ts';
export * from './passwordResetToken.ts';
export * from './role.ts';
export * from './scheduledMessage.ts';
export * from './sendKey.ts';
export * from './starredMessage.ts';
export * from './session.ts';
export * from './sessionEvent.ts';
export * from './sessionEventReads.ts';
export * from './sessionLease.ts';
export * from './sessionOps.ts';
export * from './migrateIds.ts';
export * from './user.ts';
export * from './webhook.ts';
export * from './webhookCursor.ts';
export * from './webhookDelivery.ts';

/** Every Switchboard model; connectDatabase syncs the indexes of each. */
export const ALL_MODELS: readonly Model<never>[] = [
  User,
  Role,
  AuthState,
  AuthKey,
  Session,
  Chat,
  Message,
  SendKey,
  Media,
  Assignment,
  AutoAssignRule,
  BusinessHours,
  AuditLog,
  PasswordResetToken,
  SessionEvent,
  CannedReply,
  ChatNote,
  ScheduledMessage,
  StarredMessage,
  Label,
  ApiKey,
  Webhook,
  WebhookCursor,
  WebhookDelivery,
  SessionLease,
  ClusterNode,
] as unknown as readonly Model<never>[];
