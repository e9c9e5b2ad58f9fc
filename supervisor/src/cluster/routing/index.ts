/** Cluster routing: RoutedHub (SessionHub across nodes), its Redis request/reply and snapshot board. */
export { RoutedHub, type RoutedHubOptions, type RoutingLeases, type RoutingPlacement, type ForwardTimeouts, type LocalHub } from './routedHub.ts';
export { startRouting, type Routing, type RoutingOptions } from './startRouting.ts';
export { createNodeRpc, type NodeRpc, type NodeRequest, type NodeRpcOptions } from './nodeRpc.ts';
export { createSnapshotBoard, type SnapshotBoard, type SnapshotBoardOptions } from './snapshotBoard.ts';
export { sessionMoving } from './errors.ts';
export { startClusterMode, defaultNodeId, type ClusterMode } from './clusterMode.ts';
