import { MAX_FORWARD_TARGETS, MESSAGE_STATUSES } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';

/** Body of POST …/messages/:messageId/forward. */
export const forwardBody = z
  .object({
    to: z
      .array(z.string().trim().min(5).max(100))
      .min(1)
      .max(MAX_FORWARD_TARGETS)
      .openapi({ description: `Chats of the same session to forward to (JIDs or phone numbers), at most ${MAX_FORWARD_TARGETS}; each must exist and the caller must be allowed to write in it` }),
    clientId: z
      .string()
      .min(1)
      .max(150)
      .optional()
      .openapi({ description: 'Idempotency key: repeating the request with it forwards nothing twice (each copy is keyed `<clientId>:<chatId>`)' }),
  })
  .openapi('ForwardMessageRequest');

/** Answer of a forward: one accepted send per chat. */
export const forwardResponse = z
  .object({
    forwarded: z.array(z.object({ chatId: z.string(), messageId: z.string(), status: z.enum(MESSAGE_STATUSES), duplicate: z.boolean() })),
  })
  .openapi('ForwardResult');
