import { Role, type RoleDoc } from '@switchboard/shared/node';
import { Types } from 'mongoose';
import { badRequest } from '../../errors.ts';

/** Finds a role by id or name; a coded 400 when it does not exist. */
export async function resolveRole(ref: string): Promise<RoleDoc> {
  const query = Types.ObjectId.isValid(ref) && /^[0-9a-fA-F]{24}$/.test(ref) ? { _id: new Types.ObjectId(ref) } : { name: ref };
  const role = await Role.findOne(query).lean();
  if (!role) throw badRequest('unknown_role', 'The role does not exist');
  return role;
}

/** Role names by id, for presenting many users at once. */
export async function roleNames(ids: Iterable<unknown>): Promise<Map<string, Pick<RoleDoc, '_id' | 'name'>>> {
  const unique = [...new Set([...ids].map(String))];
  const roles = await Role.find({ _id: { $in: unique } }, { name: 1 }).lean();
  return new Map(roles.map((r) => [r._id.toString(), r]));
}
