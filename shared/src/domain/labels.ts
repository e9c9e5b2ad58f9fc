/** Colours a label may have (the console draws each with a contrast-checked pair). */
export const LABEL_COLORS = ['gray', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink'] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

/** Longest label name. */
export const LABEL_NAME_MAX = 32;
/** Most labels a team may define (the console lists them all in a picker). */
export const LABELS_MAX = 200;
/** Most labels on one chat. */
export const CHAT_LABELS_MAX = 20;

/** A label name as stored and shown: trimmed, inner runs of spaces made one. */
export function labelName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** What makes two label names the same ("Urgente" and " urgente "): unique per team. */
export function labelKey(name: string): string {
  return labelName(name).toLocaleLowerCase('es');
}
