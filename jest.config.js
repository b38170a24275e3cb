/**
 * One jest run for unit, integration and end-to-end tests. With DATABASE_URL set the
 * integration tests use that PostgreSQL server (a database per test file); without it,
 * each file starts its own in-memory embedded PGlite (about 700 MB), so workers stay at 2.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  maxWorkers: 2,
  // Builds dist/main.js, which the tests that start the real server run as npm start does.
  globalSetup: '<rootDir>/tests/global-setup.ts',
  testTimeout: 120_000,
};
