import { forbidden } from '../lib/errors.ts';
import type { Role } from '../store/store.ts';

/** Who asks for a report. */
export interface Viewer {
  teamId: string;
  userId: string;
  role: Role;
}

/**
 * The rep a per-rep report (profit by rep, commission, follow-ups) is narrowed to: a rep always sees
 * only themselves; leads and admins see whom they ask for, or everyone (undefined).
 */
export function perRepScope(viewer: Viewer, requested: string | undefined): string | undefined {
  if (viewer.role !== 'rep') return requested;
  if (requested !== undefined && requested !== viewer.userId)
    throw forbidden("A rep sees only their own figures in per-rep reports; a lead or admin sees every rep's");
  return viewer.userId;
}

/** For team reports (funnel, satisfaction, coefficient): the team by default, or one rep; a rep may narrow only to themselves. */
export function optionalRepScope(viewer: Viewer, requested: string | undefined): string | undefined {
  if (viewer.role === 'rep' && requested !== undefined && requested !== viewer.userId) {
    throw forbidden("A rep may narrow this report to themselves only; a lead or admin sees every rep's");
  }
  return requested;
}
