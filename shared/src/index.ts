// The public API of @rapport/shared. Deep imports ('@rapport/shared/sync/merge') work too.
export * from './domain/index.ts';
export type { OrderLine as DomainOrderLine } from './domain/profit.ts';
export * from './identity/index.ts';
export * from './ids.ts';
export * from './money.ts';
export * from './schemas/index.ts';
// Both export an OrderLine: the wire schema wins the bare name; the domain engine's bigint line
// stays available as DomainOrderLine (and from '@rapport/shared/domain/profit').
export { OrderLine } from './schemas/order.ts';
export * from './sync/index.ts';
