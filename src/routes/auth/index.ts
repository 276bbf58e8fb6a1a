/**
 * The auth route group: contracts paired with handlers.
 */
import { implementGroup } from '../registry.ts';
import { authContracts } from './contract.ts';
import { forgotPassword, login, logout, me, refresh, register, resetPassword, signup } from './handlers.ts';

/** Mountable auth routes. */
export const authRoutes = implementGroup(authContracts, { login, signup, register, refresh, logout, me, forgotPassword, resetPassword });
