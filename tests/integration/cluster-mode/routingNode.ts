/**
 * A cluster node for the routing tests, as `pnpm start` runs one: `startNode` with the
 * environment the test gives (CLUSTER_REDIS_URL, NODE_ID, PORT, ...). Prints one JSON line
 * `{"url", "nodeId"}` on stdout once it serves, and shuts down (draining) on SIGTERM.
 */
import { startNode } from '../../../server/src/main.ts';
import { onSignals } from '../../../server/src/shutdown.ts';

const node = await startNode({ console: false });
onSignals((reason) => node.shutdown(reason));
process.stdout.write(`${JSON.stringify({ url: node.gateway.url, nodeId: node.cluster?.nodeId ?? null })}\n`);
