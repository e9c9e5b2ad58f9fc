/** Media REST routes, the upload helper used by the send-message route, and profile pictures. */
export { mediaRouter, type MediaRouterDeps } from './mediaRouter.ts';
export { storeStream, storeUpload, DEFAULT_ALLOWED_TYPES, type UploadLimits, type UploadMeta } from './mediaStore.ts';
export { presentMedia, type MediaInfo } from './presentMedia.ts';
export { refreshProfilePictures, PROFILE_PICTURE_TTL_MS, type RefreshOptions } from './profilePicture.ts';
export { createMediaModule, type MediaEnvConfig, type MediaModule } from './mediaModule.ts';
