import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { toUserQuery } from './userAccess.ts';

const admin = new Types.ObjectId();
const employee = new Types.ObjectId();
const ids = new Map([
  ['admin', admin],
  ['employee', employee],
]);

describe('user rules as database queries', () => {
  it('turns role names into the stored role ids (the supervisor rule "not admins" filters admins out)', () => {
    expect(toUserQuery({ roleName: 'admin' }, ids)).toEqual({ role: admin });
    expect(toUserQuery({ roleName: { $in: ['admin', 'employee'] } }, ids)).toEqual({ role: { $in: [admin, employee] } });
    expect(toUserQuery({ roleName: { $ne: 'admin' }, active: true }, ids)).toEqual({ $and: [{ role: { $ne: admin } }, { active: true }] });
    expect(toUserQuery({ $or: [{ roleName: 'employee' }, { id: 'x' }] }, ids)).toEqual({ $or: [{ role: employee }, { _id: 'x' }] });
  });

  it('matches nobody for an unknown role name and gives up on what it cannot rewrite', () => {
    expect(toUserQuery({ roleName: 'ghost' }, ids)).toEqual({ role: new Types.ObjectId('000000000000000000000000') });
    expect(toUserQuery({ roleName: { $regex: '^adm' } }, ids)).toBeUndefined();
    expect(toUserQuery({ $or: [{ roleName: { $exists: true } }] }, ids)).toBeUndefined();
  });
});
