/** @switchboard/gateway — Koa REST API, Socket.IO and email of Switchboard. */
export { createApp, type CreateAppOptions, type GatewayApp } from './app.ts';
export { startGateway, type RunningGateway, type StartGatewayOptions } from './start.ts';
export { settingsFromConfig, type GatewayEnvConfig, type GatewaySettings, type SmtpConfig } from './config.ts';
export { defineAbilityFor, type AbilityAssignment, type AbilityRole, type AbilityUser } from './policies/defineAbilityFor.ts';
export type { AppAbility, Action, Subject } from './policies/vocabulary.ts';
export { createEmailService, type EmailService, type Recipient } from './email/EmailService.ts';
export { watchOperatorAlerts, alertRecipients, type OperatorAlertOptions } from './email/operatorAlerts.ts';
export { AlertThrottle, DEFAULT_ALERT_POLICY, type AlertPolicy, type AlertDecision } from './email/alertThrottle.ts';
export { createGatewayMetrics, type GatewayMetrics } from './metrics/prometheus.ts';
export { ROUTES } from './routes/routeTable.ts';
export type { RouteDef } from './routes/types.ts';
export { buildOpenApiDocument } from './openapi/document.ts';
export { AppError } from './errors.ts';
export { signToken, readClaims, type TokenClaims } from './auth/tokens.ts';
export { attachRealtime, gatewaySocketAuth, type Realtime, type RealtimeDeps } from './realtime/index.ts';
export { createMediaModule, refreshProfilePictures, storeUpload, storeStream, type MediaModule, type MediaEnvConfig } from './routes/media/index.ts';
export { createMediaPool, type MediaPool } from './media-pool/index.ts';
export { startWebhookDispatcher, verifyWebhook, isPublicAddress, type WebhookDispatcher, type WebhookDispatcherOptions } from './webhooks/index.ts';
