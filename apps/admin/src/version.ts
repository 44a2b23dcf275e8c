export const EXE = 'tsnats-admin';
export const ADMIN_VERSION = '0.1.0';
