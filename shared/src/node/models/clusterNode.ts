import { Schema } from 'mongoose';
import { defineModel } from './defineModel.ts';

/**
 * Cluster mode: one document per node, rewritten by its heartbeat. Placement reads them all
 * (a handful per cluster): a node is alive while `heartbeatAt` is recent, and the least loaded
 * by `sessions`, then `rssBytes`, takes sessions first. `url` is its gateway base URL (requests
 * for a session owned elsewhere are forwarded there).
 */
export interface ClusterNodeDoc {
  /** The nodeId (NODE_ID, default hostname-pid). */
  _id: string;
  url: string;
  heartbeatAt: Date;
  /** Sessions whose lease this node holds. */
  sessions: number;
  /** Resident memory of the node (its process and its actors), in bytes. */
  rssBytes: number;
  /** True once the node is handing its sessions over before exit: it takes no new ones. */
  draining: boolean;
}

const clusterNodeSchema = new Schema<ClusterNodeDoc>(
  {
    _id: { type: String, required: true },
    url: { type: String, required: true },
    heartbeatAt: { type: Date, required: true },
    sessions: { type: Number, required: true, default: 0 },
    rssBytes: { type: Number, required: true, default: 0 },
    draining: { type: Boolean, required: true, default: false },
  },
  { collection: 'clusternodes', id: false, versionKey: false },
);

/** Cluster nodes collection (`clusternodes`). */
export const ClusterNode = defineModel<ClusterNodeDoc>('ClusterNode', clusterNodeSchema);
