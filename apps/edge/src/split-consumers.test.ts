// The consumer suites in split mode (see split-streams.test.ts).
import { useSplitMode } from './jetstream-test-support.js';
import './jetstream-consumers.test.js';
import './jetstream-consumers-more.test.js';
import './jetstream-consumers-v2.test.js';
import './jetstream-replay.test.js';

useSplitMode();
