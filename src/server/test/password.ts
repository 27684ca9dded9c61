/** The demo accounts' password in tests (the seeded template is hashed with it). */
export const TEST_PASSWORD = "Test-password-2026";
