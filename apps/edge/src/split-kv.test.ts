// Key-value, object store and direct get in split mode (see split-streams.test.ts).
import { useSplitMode } from './jetstream-test-support.js';
import './jetstream-kv.test.js';
import './jetstream-objectstore.test.js';
import './jetstream-direct-get.test.js';

useSplitMode();
