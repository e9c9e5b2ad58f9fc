/**
 * Kept for imports that predate `subjects.ts` (the subject builders and `authorize` live there
 * now, with the record-check bookkeeping). New code imports from `./subjects.ts`.
 */
export { authorize, subjects } from './subjects.ts';
