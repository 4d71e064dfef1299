import { defineConfig } from "vitest/config"

// The suite runs once per credential kind; test/support/harness.ts reads which.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: "api-key", env: { OPENTOK_TEST_CREDENTIALS: "apiKey" } } },
      { extends: true, test: { name: "application", env: { OPENTOK_TEST_CREDENTIALS: "application" } } }
    ]
  }
})
