/** The exchange file between offline offices (issue 15 item 1): its manifest and verification. */
export * from './types';
export * from './manifest';
export * from './verify';
