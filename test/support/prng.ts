/** The seeded PRNG of the demo's people, for generated test data and fuzzing. */
export { prng } from '../../src/server/demo/people.js';
