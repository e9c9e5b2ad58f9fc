import { z } from '../../openapi/zod.ts';

/** One person of the team board (AgentView). */
export const agentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string().nullable().openapi({ description: "The role's name (null if the role is gone)" }),
    assigned: z.number().int().openapi({ description: 'Chats assigned to them (those assignments the caller may read)' }),
    waiting: z.number().int().openapi({ description: 'Of those, chats whose customer waits for a reply' }),
    waitingSince: z.number().nullable().openapi({ description: 'ms since epoch when the longest of those waits began (null when none waits)' }),
  })
  .openapi('Agent');

/** GET /api/agents. */
export const agentsResponse = z.object({ data: z.array(agentSchema) }).openapi('Agents');
