import path from 'node:path';

/**
 * The project's root: this file sits one level below it both as source (src/, under tsx and
 * in tests) and compiled (dist/main.js, which `npm start` runs), so files the server reads at
 * run time are found from here whatever the layout of the modules that read them.
 */
export const PROJECT_ROOT = path.resolve(__dirname, '..');
