/** The admin route group: contracts paired with handlers (see routes/registry.ts). */
import { implementGroup } from '../registry.ts';
import { adminContracts } from './contract.ts';
import { clearLockout, createUser, deleteUser, getUser, listUsers, revokeSessions, updateUser } from './handlers.ts';

/** Mountable admin routes. */
export const adminRoutes = implementGroup(adminContracts, {
  listUsers,
  createUser,
  getUser,
  updateUser,
  deleteUser,
  revokeSessions,
  clearLockout,
});
