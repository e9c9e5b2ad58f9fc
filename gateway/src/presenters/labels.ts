import type { LabelView } from '@switchboard/shared';
import type { LabelDoc } from '@switchboard/shared/node';

/** A label as the API returns it. */
export function presentLabel(l: Pick<LabelDoc, '_id' | 'name' | 'color'>): LabelView {
  return { id: l._id.toString(), name: l.name, color: l.color };
}
