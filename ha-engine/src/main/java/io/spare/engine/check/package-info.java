/** Health-check scheduling: intervals, timeouts, rise/fall hysteresis, counters. */
package io.spare.engine.check;
