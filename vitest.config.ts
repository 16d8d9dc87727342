import { defineConfig } from 'vitest/config';

// A timeout here catches a hang; it is not a speed target (those are in `npm run bench`). CI runs two test files at
// once on two busy cores, where the big matrices (every role × command × card action) take 15–17 s that take 5 alone,
// so the bound leaves them three times that.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
