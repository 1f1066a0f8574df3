package io.spare.engine.runtime;

import io.spare.engine.check.ScheduledCheck;

/** A check one instance tracks, with the weight in force for that instance. */
record TrackedCheckBinding(ScheduledCheck check, int weight) {}
