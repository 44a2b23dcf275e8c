// The JetStream suites again, with the streams in a store service behind the
// edge (split mode): what clients see must not differ. The suites are spread
// over a few files so the runner runs them in parallel.
import { useSplitMode } from './jetstream-test-support.js';
import './jetstream-streams.test.js';
import './jetstream-api.test.js';
import './jetstream-limits.test.js';
import './jetstream-restart.test.js';
import './jetstream-advisories.test.js';
import './jetstream-subject-transform.test.js';
import './jetstream-republish.test.js';
import './jetstream-nak-audit-advisories.test.js';

useSplitMode();
