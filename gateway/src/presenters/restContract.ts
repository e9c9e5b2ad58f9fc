/**
 * Compile-time check that what the gateway answers is the REST contract the inbox is written
 * against (`shared/src/api/rest.ts`): each presenter returns its contract type, and each zod
 * schema (the OpenAPI document) describes exactly that type, both ways. A field added on one
 * side only fails `pnpm typecheck`; nothing here runs.
 */
import type {
  ApiKeyView,
  CannedReplyView,
  ChatNoteView,
  ScheduledMessageView,
  CreatedApiKeyView,
  ChatView,
  InboxChatView,
  InboxMessageView,
  MarkReadResult,
  MarkUnreadResult,
  MarkHandledResult,
  BlockContactResult,
  ChatSnoozeView,
  ChatPinView,
  MemberReceiptList,
  GroupInfoView,
  CreatedGroupView,
  GroupJoinRequestsView,
  GroupRequestsChangeView,
  GroupInviteLinkView,
  GroupMembersChangeView,
  MessageSearchHit,
  AgentView,
  LabelView,
  ChatLabelsView,
  MediaInfoView,
  SendAccepted,
  ForwardResult,
  SignedMediaUrls,
} from '@switchboard/shared';
import type { z } from 'zod';
import type { apiKeySchema, createdApiKeySchema } from '../routes/apiKeys/schema.ts';
import type { cannedReplySchema } from '../routes/cannedReplies/schema.ts';
import type { inboxChatSchema } from '../routes/inbox/schema.ts';
import type { mediaInfoSchema, signResponse } from '../routes/media/schema.ts';
import type { presentMedia } from '../routes/media/presentMedia.ts';
import type { messageSearchHitSchema } from '../routes/search/schema.ts';
import type { agentSchema } from '../routes/users/agentsSchema.ts';
import type { chatLabelsSchema, labelSchema } from '../routes/labels/schema.ts';
import type { presentLabel } from './labels.ts';
import type { blockResponse } from '../routes/messages/chatBlock.ts';
import type { markHandledResponse, markReadResponse, markUnreadResponse, retryResponse } from '../routes/messages/chatActionSchema.ts';
import type { snoozeResponse } from '../routes/messages/chatSnooze.ts';
import type { pinResponse } from '../routes/messages/chatPin.ts';
import type { memberReceiptsResponse } from '../routes/messages/memberReceipts.ts';
import type { createdGroupSchema, inviteLinkSchema, membersChangeSchema } from '../routes/messages/groupChanges.ts';
import type { joinRequestsSchema, requestsChangeSchema } from '../routes/messages/groupRequests.ts';
import type { groupInfoSchema } from '../routes/messages/groupInfo.ts';
import type { chatNoteSchema } from '../routes/messages/chatNoteSchema.ts';
import type { scheduledSchema } from '../routes/messages/scheduledSchema.ts';
import type { forwardResponse } from '../routes/messages/forwardSchema.ts';
import type { chatSchema, messageSchema, sendResponse } from '../routes/messages/schema.ts';
import type { presentApiKey } from './apiKeys.ts';
import type { presentCannedReply } from './cannedReplies.ts';
import type { presentChatNote } from './chatNotes.ts';
import type { presentScheduled } from './scheduledMessages.ts';
import type { presentInboxChat } from './inboxChats.ts';
import type { presentChat, presentMessage } from './messages.ts';

/** True when A and B are assignable to each other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compiles only for `true`. */
type Holds<T extends true> = T;
type Out<S extends z.ZodType> = z.output<S>;

/** Each entry fails to compile when a presenter or schema drifts from the shared REST type. */
export type RestContractChecks = [
  Holds<Same<ReturnType<typeof presentChat>, ChatView>>,
  Holds<Same<Out<typeof chatSchema>, ChatView>>,
  Holds<Same<ReturnType<typeof presentInboxChat>, InboxChatView>>,
  Holds<Same<Out<typeof inboxChatSchema>, InboxChatView>>,
  Holds<Same<ReturnType<typeof presentMessage>, InboxMessageView>>,
  Holds<Same<Out<typeof messageSchema>, InboxMessageView>>,
  Holds<Same<ReturnType<typeof presentCannedReply>, CannedReplyView>>,
  Holds<Same<Out<typeof cannedReplySchema>, CannedReplyView>>,
  Holds<Same<ReturnType<typeof presentChatNote>, ChatNoteView>>,
  Holds<Same<ReturnType<typeof presentScheduled>, ScheduledMessageView>>,
  Holds<Same<Out<typeof scheduledSchema>, ScheduledMessageView>>,
  Holds<Same<Out<typeof chatNoteSchema>, ChatNoteView>>,
  Holds<Same<Out<typeof sendResponse>, SendAccepted>>,
  Holds<Same<Out<typeof retryResponse>, SendAccepted>>,
  Holds<Same<Out<typeof forwardResponse>, ForwardResult>>,
  Holds<Same<ReturnType<typeof presentMedia>, MediaInfoView>>,
  Holds<Same<Out<typeof mediaInfoSchema>, MediaInfoView>>,
  Holds<Same<Out<typeof markReadResponse>, MarkReadResult>>,
  Holds<Same<Out<typeof markUnreadResponse>, MarkUnreadResult>>,
  Holds<Same<Out<typeof markHandledResponse>, MarkHandledResult>>,
  Holds<Same<Out<typeof blockResponse>, BlockContactResult>>,
  Holds<Same<Out<typeof snoozeResponse>, ChatSnoozeView>>,
  Holds<Same<Out<typeof pinResponse>, ChatPinView>>,
  Holds<Same<Out<typeof memberReceiptsResponse>, MemberReceiptList>>,
  Holds<Same<Out<typeof groupInfoSchema>, GroupInfoView>>,
  Holds<Same<Out<typeof membersChangeSchema>, GroupMembersChangeView>>,
  Holds<Same<Out<typeof inviteLinkSchema>, GroupInviteLinkView>>,
  Holds<Same<Out<typeof createdGroupSchema>, CreatedGroupView>>,
  Holds<Same<Out<typeof joinRequestsSchema>, GroupJoinRequestsView>>,
  Holds<Same<Out<typeof requestsChangeSchema>, GroupRequestsChangeView>>,
  Holds<Same<Out<typeof messageSearchHitSchema>, MessageSearchHit>>,
  Holds<Same<ReturnType<typeof presentLabel>, LabelView>>,
  Holds<Same<Out<typeof agentSchema>, AgentView>>,
  Holds<Same<Out<typeof labelSchema>, LabelView>>,
  Holds<Same<Out<typeof chatLabelsSchema>, ChatLabelsView>>,
  Holds<Same<Out<typeof signResponse>, SignedMediaUrls>>,
  Holds<Same<ReturnType<typeof presentApiKey>, ApiKeyView>>,
  Holds<Same<Out<typeof apiKeySchema>, ApiKeyView>>,
  Holds<Same<Out<typeof createdApiKeySchema>, CreatedApiKeyView>>,
];
