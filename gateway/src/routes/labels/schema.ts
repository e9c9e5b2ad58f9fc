import { CHAT_LABELS_MAX, LABEL_COLORS, LABEL_NAME_MAX, labelName } from '@switchboard/shared';
import { z } from '../../openapi/zod.ts';
import { objectId } from '../common.ts';

const name = z
  .string()
  .transform(labelName)
  .pipe(z.string().min(1, 'A label needs a name').max(LABEL_NAME_MAX, `At most ${LABEL_NAME_MAX} characters`))
  .openapi({ description: `1-${LABEL_NAME_MAX} characters; unique whatever the case ("Urgente" = "urgente")`, example: 'Pago pendiente' });
const color = z.enum(LABEL_COLORS).openapi({ description: 'How the console draws it' });

/** `:id` of a label. */
export const labelParams = z.object({ id: objectId });

/** POST /api/labels */
export const createLabelBody = z.object({ name, color: color.default('gray') }).openapi('CreateLabelRequest');

/** PUT /api/labels/:id (at least one field). */
export const updateLabelBody = z
  .object({ name: name.optional(), color: color.optional() })
  .refine((b) => b.name !== undefined || b.color !== undefined, { message: 'Nothing to change' })
  .openapi('UpdateLabelRequest');

/** A label (LabelView). */
export const labelSchema = z.object({ id: z.string(), name: z.string(), color: z.enum(LABEL_COLORS) }).openapi('Label');

/** PUT /api/sessions/:sessionId/chats/:chatId/labels: the chat's whole set of labels. */
export const setChatLabelsBody = z
  .object({
    labelIds: z
      .array(objectId)
      .max(CHAT_LABELS_MAX, `At most ${CHAT_LABELS_MAX} labels on a chat`)
      .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
      .openapi({ description: 'Every label the chat should have (an empty list takes them all off)' }),
  })
  .openapi('SetChatLabelsRequest');

/** The labels of a chat (ChatLabelsView). */
export const chatLabelsSchema = z.object({ sessionId: z.string(), chatId: z.string(), labels: z.array(z.string()) }).openapi('ChatLabels');
