/**
 * A plain Java client of a clocksync agent: intervals of synchronized time, a java.time.Clock,
 * commit wait.
 */
package dev.clocksync.client;
