import { CANNED_SHORTCUT_PATTERN, CANNED_TEXT_MAX } from '@switchboard/shared/node';
import { z } from '../../openapi/zod.ts';
import { objectId } from '../common.ts';

const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .regex(CANNED_SHORTCUT_PATTERN, '1-32 characters: a-z, 0-9, _ and -')
  .openapi({ description: 'What the agent types after `/` (unique per owner; shared replies are one owner)', example: 'horario' });
const text = z.string().trim().min(1).max(CANNED_TEXT_MAX);

/** `:id` of a canned reply. */
export const cannedReplyParams = z.object({ id: objectId });

/** POST /api/canned-replies */
export const createCannedReplyBody = z
  .object({
    shortcut,
    text,
    shared: z.boolean().default(false).openapi({ description: 'Shared with everyone (needs permission to create shared replies, e.g. supervisors)' }),
  })
  .openapi('CreateCannedReplyRequest');

/** PUT /api/canned-replies/:id (at least one field). */
export const updateCannedReplyBody = z
  .object({ shortcut: shortcut.optional(), text: text.optional(), shared: z.boolean().optional() })
  .refine((b) => b.shortcut !== undefined || b.text !== undefined || b.shared !== undefined, { message: 'Nothing to change' })
  .openapi('UpdateCannedReplyRequest');

/** A canned reply (CannedReplyView). */
export const cannedReplySchema = z
  .object({
    id: z.string(),
    shortcut: z.string(),
    text: z.string(),
    shared: z.boolean(),
    ownerId: z.string().nullable(),
    file: z
      .object({ fileName: z.string(), mimeType: z.string(), size: z.number().int() })
      .nullable()
      .openapi({ description: 'A file sent with the reply (PUT …/file), or null; its bytes at GET …/file' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CannedReply');
