/** Cluster mode (issue 16): session leases with fencing, placement, failover and drain. */
export { createLeaseKeeper, type LeaseKeeper, type LeaseKeeperOptions } from './leaseKeeper.ts';
export { createNodeRegistry, type NodeRegistry, type NodeRegistryOptions } from './nodeRegistry.ts';
export { acquireLease, renewLease, releaseLease, leaseIsCurrent, leaseOwner, freeSessions, type HeldLease } from './leases.ts';
export { adoptionQuota, byLoad, liveNodes, type NodeLoad, type AdoptionInput } from './placement.ts';
export type { SupervisorFencing } from './fencing.ts';
