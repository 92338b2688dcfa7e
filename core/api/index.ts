/**
 * The typed API: `import … from 'core/api'`. methods.ts (the method table), payloads.ts (the
 * schemas), types.ts (the results), errors.ts (ApiError), api.ts (NianbaoApi, ApiService).
 */
export * from './api';
export * from './errors';
export * from './methods';
export * from './payloads';
export * from './types';
export type * from '../office/types';
