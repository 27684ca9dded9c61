import { shiftClockFromEnvironment } from "./clock.js";

// Each test file runs on the day JIANFU_TEST_TODAY names, when it is set (see clock.ts).
shiftClockFromEnvironment();
