/**
 * Authorisation-matrix rows of the inbox routes (chat list, mark read, typing, retry, internal
 * notes, signed media URLs, canned replies), spread into MATRIX by matrixFixtures.ts. Same conventions:
 * fresh targets per call, expected status per caller.
 */
import { authed, fileForm, type Call, type Caller, type Expect, type MatrixState } from './matrixFixtures.ts';
import { chatFile, ensureChat, failedMessage, label, othersBroadcast, othersNote, othersScheduled, sentMessage, sharedReply, uniq } from './inboxMatrixTargets.ts';

/** `METHOD path` → call and expected statuses, for the inbox routes. */
export const INBOX_MATRIX: Record<string, { call: (s: MatrixState, who: Caller) => Promise<Call> | Call; expect: Expect }> = {
  'GET /api/chats': { call: () => ({ path: '/api/chats?view=all' }), expect: authed(200, 200, 200, 200, 200) },
  'GET /api/messages/search': { call: () => ({ path: '/api/messages/search?q=hola' }), expect: authed(200, 200, 200, 200, 200) },
  'POST /api/sessions/:sessionId/chats/:chatId/read': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/read` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'POST /api/sessions/:sessionId/chats/:chatId/unread': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/unread` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'POST /api/sessions/:sessionId/chats/:chatId/handled': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/handled` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'PUT /api/sessions/:sessionId/chats/:chatId/snooze': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/snooze`, body: { until: null } };
    },
    expect: authed(200, 200, 200, 403),
  },
  'PUT /api/sessions/:sessionId/chats/:chatId/pin': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/pin` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'DELETE /api/sessions/:sessionId/chats/:chatId/pin': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/pin` };
    },
    expect: authed(204, 204, 204, 403),
  },
  'GET /api/sessions/:sessionId/chats/:chatId/export': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/export` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'GET /api/sessions/:sessionId/chats/:chatId/people': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/people` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'PUT /api/sessions/:sessionId/chats/:chatId/name': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/name`, body: { name: null } };
    },
    expect: authed(200, 200, 200, 403),
  },
  // Blocking is `update Chat` (employees do not have it); unblocking a contact that is not blocked changes nothing.
  'PUT /api/sessions/:sessionId/chats/:chatId/blocked': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/blocked`, body: { blocked: false } };
    },
    expect: authed(200, 200, 403, 403),
  },
  // Taking a contact back in needs `update Chat` (employees do not have it); leaving them out is for
  // whoever may answer the chat (broadcasts.test.ts), and would leave the shared chat out of the rows after.
  'PUT /api/sessions/:sessionId/chats/:chatId/opt-out': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/opt-out`, body: { optedOut: false } };
    },
    expect: authed(200, 200, 403, 403),
  },
  'POST /api/sessions/:sessionId/chats/:chatId/presence': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/presence`, body: { state: 'composing' } };
    },
    expect: authed(200, 200, 200, 403),
  },
  'GET /api/sessions/:sessionId/chats/:chatId/profile': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/profile` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'GET /api/sessions/:sessionId/chats/:chatId/group': {
    // The assigned chat is a customer's: callers who may read it get past authorisation to `not_a_group`.
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group` };
    },
    expect: authed(400, 400, 400, 403),
  },
  // Changing a group is `update Chat` (employees do not have it): callers who may get past
  // authorisation to `not_a_group` on the customer's chat.
  'POST /api/sessions/:sessionId/chats/:chatId/group/members': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group/members`, body: { action: 'add', members: ['34611000009'] } };
    },
    expect: authed(400, 400, 403, 403),
  },
  'PUT /api/sessions/:sessionId/chats/:chatId/group/subject': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group/subject`, body: { subject: 'Vecinos' } };
    },
    expect: authed(400, 400, 403, 403),
  },
  'PUT /api/sessions/:sessionId/chats/:chatId/group/description': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group/description`, body: { description: null } };
    },
    expect: authed(400, 400, 403, 403),
  },
  'PUT /api/sessions/:sessionId/chats/:chatId/group/settings': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group/settings`, body: { sendAdminsOnly: true } };
    },
    expect: authed(400, 400, 403, 403),
  },
  'GET /api/sessions/:sessionId/chats/:chatId/group/requests': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group/requests` };
    },
    expect: authed(400, 400, 403, 403),
  },
  'POST /api/sessions/:sessionId/chats/:chatId/group/requests': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group/requests`, body: { action: 'approve', members: ['34611000009'] } };
    },
    expect: authed(400, 400, 403, 403),
  },
  // Starting a group is starting a conversation (`create Chat`).
  'POST /api/sessions/:sessionId/groups': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/groups`, body: { subject: 'Matriz', members: ['34611000009'] } }),
    expect: authed(201, 201, 403, 403),
  },
  'GET /api/sessions/:sessionId/chats/:chatId/group/invite-link': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group/invite-link` };
    },
    expect: authed(400, 400, 403, 403),
  },
  'POST /api/sessions/:sessionId/chats/:chatId/group/leave': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/group/leave` };
    },
    expect: authed(400, 400, 403, 403),
  },
  'GET /api/sessions/:sessionId/chats/:chatId/notes': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/notes` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'POST /api/sessions/:sessionId/chats/:chatId/notes': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/notes`, body: { text: 'Llamar el lunes' } };
    },
    expect: authed(201, 201, 201, 403),
  },
  'DELETE /api/sessions/:sessionId/chats/:chatId/notes/:noteId': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/notes/${await othersNote(s)}` }),
    expect: authed(204, 204, 403, 403),
  },
  'GET /api/sessions/:sessionId/chats/:chatId/scheduled': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/scheduled` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'POST /api/sessions/:sessionId/chats/:chatId/scheduled': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/scheduled`, body: { text: 'Buenos días', sendAt: Date.now() + 3_600_000 } };
    },
    expect: authed(201, 201, 201, 403),
  },
  'POST /api/sessions/:sessionId/chats/:chatId/scheduled/:scheduledId/send': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/scheduled/${await othersScheduled(s)}/send` }),
    expect: authed(200, 200, 200, 403),
  },
  'PUT /api/sessions/:sessionId/chats/:chatId/scheduled/:scheduledId': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/scheduled/${await othersScheduled(s)}`, body: { text: 'Te llamamos el lunes' } }),
    expect: authed(200, 200, 200, 403),
  },
  'DELETE /api/sessions/:sessionId/chats/:chatId/scheduled/:scheduledId': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/scheduled/${await othersScheduled(s)}` }),
    expect: authed(204, 204, 204, 403),
  },
  'POST /api/sessions/:sessionId/broadcasts': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/broadcasts`, body: { messages: [{ chatId: s.chat, text: 'Mañana abrimos a las 11' }], everySeconds: 30 } };
    },
    expect: authed(201, 201, 201, 403),
  },
  // Scoped to the chats the caller may read; naming a session asks `read Session` of it.
  'GET /api/broadcasts': {
    call: async (s) => {
      await othersBroadcast(s);
      return { path: `/api/broadcasts?sessionId=${s.linked}` };
    },
    expect: authed(200, 200, 200, 403),
  },
  'GET /api/sessions/:sessionId/broadcasts/:batchId': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/broadcasts/${await othersBroadcast(s)}` }),
    expect: authed(200, 200, 200, 403),
  },
  'DELETE /api/sessions/:sessionId/broadcasts/:batchId': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/broadcasts/${await othersBroadcast(s)}` }),
    expect: authed(200, 200, 200, 403),
  },
  'GET /api/sessions/:sessionId/messages/:messageId/receipts': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}/receipts` }),
    expect: authed(200, 200, 200, 403),
  },
  'POST /api/sessions/:sessionId/messages/:messageId/retry': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/messages/${await failedMessage(s)}/retry` }),
    expect: authed(202, 202, 202, 403),
  },
  'PUT /api/sessions/:sessionId/messages/:messageId': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}`, body: { text: 'corregido' } }),
    expect: authed(200, 200, 200, 403),
  },
  'DELETE /api/sessions/:sessionId/messages/:messageId': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}` }),
    expect: authed(200, 200, 200, 403),
  },
  // Destacar: who may answer in the chat marks; who may read it lists.
  'PUT /api/sessions/:sessionId/messages/:messageId/star': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}/star` }),
    expect: authed(200, 200, 200, 403),
  },
  'DELETE /api/sessions/:sessionId/messages/:messageId/star': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}/star` }),
    expect: authed(200, 200, 200, 403),
  },
  // Scoped: whoever may read messages gets the marks in the chats they may read (none for the outsider).
  'GET /api/messages/starred': { call: () => ({ path: '/api/messages/starred' }), expect: authed(200, 200, 200, 200, 200) },
  'GET /api/sessions/:sessionId/chats/:chatId/starred': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/starred` };
    },
    expect: authed(200, 200, 200, 403),
  },
  // Changing an event: who may send in its chat; a text is refused as no event once the caller may.
  'PUT /api/sessions/:sessionId/messages/:messageId/event': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}/event`, body: { text: 'Prueba', event: { startAt: Date.now() + 86_400_000 } } }),
    expect: authed(409, 409, 409, 403),
  },
  'POST /api/sessions/:sessionId/messages/:messageId/event/cancel': {
    call: async (s) => ({ path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}/event/cancel` }),
    expect: authed(409, 409, 409, 403),
  },
  // Forwarding: who may read the message's chat and write in the target (here the same chat).
  'POST /api/sessions/:sessionId/messages/:messageId/forward': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}/forward`, body: { to: [s.chat] } };
    },
    expect: authed(202, 202, 202, 403),
  },
  // Joining a group by invitation: reading the invitation's chat and starting conversations
  // (`create Chat`); a text is refused as no invitation once the caller may.
  'POST /api/sessions/:sessionId/messages/:messageId/accept-invite': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/messages/${await sentMessage(s)}/accept-invite` };
    },
    expect: authed(409, 409, 403, 403),
  },
  // Starting a conversation: whoever may write to the number from the session may check it.
  'GET /api/sessions/:sessionId/numbers/:phone': { call: (s) => ({ path: `/api/sessions/${s.linked}/numbers/${s.chat.split('@')[0]}` }), expect: authed(200, 200, 200, 403) },
  // Starting one: `create Chat` (supervisors; the employee's role has no such grant).
  'POST /api/sessions/:sessionId/chats': { call: (s) => ({ path: `/api/sessions/${s.linked}/chats`, body: { phone: s.chat.split('@')[0], assignToMe: false } }), expect: authed(200, 200, 403, 403) },
  // "Reparto automático": managed by whoever may assign chats of the session.
  'GET /api/sessions/:sessionId/business-hours': { call: (s) => ({ path: `/api/sessions/${s.linked}/business-hours` }), expect: authed(200, 200, 200, 403) },
  'PUT /api/sessions/:sessionId/business-hours': {
    call: (s) => ({ path: `/api/sessions/${s.linked}/business-hours`, body: { enabled: false, timeZone: 'Europe/Madrid', week: [[], [], [], [], [], [], []], awayMessage: '' } }),
    expect: authed(200, 200, 403, 403),
  },
  'GET /api/sessions/:sessionId/auto-assign': { call: (s) => ({ path: `/api/sessions/${s.linked}/auto-assign` }), expect: authed(200, 200, 403, 403) },
  'PUT /api/sessions/:sessionId/auto-assign': { call: (s) => ({ path: `/api/sessions/${s.linked}/auto-assign`, body: { enabled: false, userIds: [] } }), expect: authed(200, 200, 403, 403) },
  'POST /api/media/sign': { call: async (s) => ({ path: '/api/media/sign', body: { ids: [await chatFile(s)] } }), expect: authed(200, 200, 200, 200, 200) },
  'GET /api/canned-replies': { call: () => ({ path: '/api/canned-replies' }), expect: authed(200, 200, 200, 200, 200) },
  'POST /api/canned-replies': { call: () => ({ path: '/api/canned-replies', body: { shortcut: `mx-${uniq()}`, text: 'Hola' } }), expect: authed(201, 201, 201, 201, 201) },
  // Shared replies: employees may read them (403 on change); the limited caller may not even read them (404).
  'PUT /api/canned-replies/:id': { call: async () => ({ path: `/api/canned-replies/${await sharedReply()}`, body: { text: 'Gracias' } }), expect: authed(200, 200, 403, 403, 404) },
  'DELETE /api/canned-replies/:id': { call: async () => ({ path: `/api/canned-replies/${await sharedReply()}` }), expect: authed(204, 204, 403, 403, 404) },
  // A shared reply's file: changed by who may change the reply, downloaded by who may read it.
  'PUT /api/canned-replies/:id/file': { call: async () => ({ path: `/api/canned-replies/${await sharedReply()}/file`, form: fileForm() }), expect: authed(200, 200, 403, 403, 404) },
  'DELETE /api/canned-replies/:id/file': { call: async () => ({ path: `/api/canned-replies/${await sharedReply(true)}/file` }), expect: authed(200, 200, 403, 403, 404) },
  'GET /api/canned-replies/:id/file': { call: async () => ({ path: `/api/canned-replies/${await sharedReply(true)}/file` }), expect: authed(200, 200, 200, 200, 404) },
  // Labels: every built-in role reads them, supervisors define them, employees label their own chats.
  'GET /api/agents': { call: () => ({ path: '/api/agents' }), expect: authed(200, 200, 403, 403, 200) },
  'GET /api/labels': { call: () => ({ path: '/api/labels' }), expect: authed(200, 200, 200, 200) },
  'POST /api/labels': { call: () => ({ path: '/api/labels', body: { name: `mx-${uniq()}` } }), expect: authed(201, 201, 403, 403) },
  'PUT /api/labels/:id': { call: async () => ({ path: `/api/labels/${await label()}`, body: { color: 'blue' } }), expect: authed(200, 200, 403, 403) },
  'DELETE /api/labels/:id': { call: async () => ({ path: `/api/labels/${await label()}` }), expect: authed(204, 204, 403, 403) },
  'PUT /api/sessions/:sessionId/chats/:chatId/labels': {
    call: async (s) => {
      await ensureChat(s);
      return { path: `/api/sessions/${s.linked}/chats/${encodeURIComponent(s.chat)}/labels`, body: { labelIds: [await label()] } };
    },
    expect: authed(200, 200, 200, 403),
  },
};
