/** Test helpers of the supervisor (`@switchboard/supervisor/testing`); never used by src. */
export { recordHub, type HubRecorder } from './hubRecorder.ts';
