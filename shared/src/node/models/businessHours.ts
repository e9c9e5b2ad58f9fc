import { Schema, type Types } from 'mongoose';
import type { WeekSchedule } from '../../domain/businessHours.ts';
import { defineModel } from './defineModel.ts';

/**
 * A session's automatic replies: its opening hours (*Horario de atención*) and away reply — while
 * enabled, a customer who writes while the business is closed gets `awayMessage` once per closed
 * stretch — and the greeting a new customer gets once (the gateway's automation/awayReplies.ts
 * sends both); and whether WhatsApp calls are declined, with the message the caller then gets.
 */
export interface BusinessHoursDoc {
  _id: Types.ObjectId;
  sessionId: string;
  enabled: boolean;
  /** IANA time zone the hours are in. */
  timeZone: string;
  /** Seven days, Monday first, each `{ranges}` (FerretDB stores no arrays of arrays): see `weekOf`. */
  week: StoredDay[];
  awayMessage: string;
  /** Greet a new customer (a chat they start) with `greetingMessage`, once per chat, open or closed. */
  greetingEnabled?: boolean;
  greetingMessage?: string;
  /** Decline WhatsApp calls while they ring (the actor, messages/calls.ts), and send `callMessage` to the caller (the gateway). */
  rejectCalls?: boolean;
  callMessage?: string;
  updatedBy?: Types.ObjectId | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One day as stored. */
export interface StoredDay {
  ranges: { from: string; to: string }[];
}

/** A week as stored: each day an object (the embedded FerretDB refuses arrays of arrays). */
export function storedWeek(week: WeekSchedule): StoredDay[] {
  return week.map((ranges) => ({ ranges: ranges.map((r) => ({ from: r.from, to: r.to })) }));
}

/** The week of a stored document. */
export function weekOf(stored: readonly StoredDay[]): WeekSchedule {
  return stored.map((d) => d.ranges ?? []);
}

const businessHoursSchema = new Schema<BusinessHoursDoc>(
  {
    sessionId: { type: String, required: true },
    enabled: { type: Boolean, default: false },
    timeZone: { type: String, required: true },
    // Checked by the route (weekProblems); written with `storedWeek`.
    week: { type: Schema.Types.Mixed, default: () => storedWeek([[], [], [], [], [], [], []]) },
    awayMessage: { type: String, default: '' },
    greetingEnabled: { type: Boolean, default: false },
    greetingMessage: { type: String, default: '' },
    rejectCalls: { type: Boolean, default: false },
    callMessage: { type: String, default: '' },
    updatedBy: { type: Schema.Types.ObjectId, ref: 'User', default: null },
  },
  { timestamps: true },
);
businessHoursSchema.index({ sessionId: 1 }, { unique: true });

/** Opening hours, one per session (`businesshours`). */
export const BusinessHours = defineModel<BusinessHoursDoc>('BusinessHours', businessHoursSchema);
