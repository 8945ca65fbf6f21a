export * from './kommune';
export * from './organisation';
export * from './venue';
export * from './support';
export * from './activity';
export * from './translation';
export * from './user';
