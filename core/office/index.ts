/** The county office (issue 15): the submissions dashboard and the 审核意见. */
export * from './types';
export * from './members';
export * from './review';
