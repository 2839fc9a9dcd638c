import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: [
      "core/**/*.test.ts",
      "server/**/*.test.ts",
      "cli/**/*.test.ts",
      "demo/**/*.test.ts",
      "test/**/*.test.ts",
      "app/src/**/*.test.ts",
    ],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    // expect.poll's default second is too short for a browser journey on a loaded CI machine.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
