/** @switchboard/server — composition of a node: `startNode` (pnpm start), its options and its shutdown helpers. */
export { startNode, type RunningNode, type StartNodeOptions } from './main.ts';
export { createShutdown, onSignals, type ShutdownStep } from './shutdown.ts';
export { supervisorOptionsFromConfig } from './fromConfig.ts';
