/**
 * Compile-time check that the webhook routes answer the shared REST contract
 * (`shared/src/api/integrations.ts`): presenters and zod schemas match the view types both ways.
 */
import type { CreatedWebhookView, WebhookDeliveryView, WebhookView } from '@switchboard/shared';
import type { z } from 'zod';
import type { presentDelivery, presentWebhook } from '../../presenters/webhooks.ts';
import type { createdWebhookSchema, deliverySchema, webhookSchema } from './schema.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Holds<T extends true> = T;

/** Fails to compile when a webhook presenter or schema drifts from the shared types. */
export type WebhookContractChecks = [
  Holds<Same<ReturnType<typeof presentWebhook>, WebhookView>>,
  Holds<Same<z.output<typeof webhookSchema>, WebhookView>>,
  Holds<Same<z.output<typeof createdWebhookSchema>, CreatedWebhookView>>,
  Holds<Same<ReturnType<typeof presentDelivery>, WebhookDeliveryView>>,
  Holds<Same<z.output<typeof deliverySchema>, WebhookDeliveryView>>,
];
