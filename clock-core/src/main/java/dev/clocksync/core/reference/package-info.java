/**
 * Choosing a round's reference from the agents' offsets, fault-tolerantly: GAMMA_CLUSTER, MEDIAN,
 * INTERSECTION, and MEAN as the textbook baseline.
 */
package dev.clocksync.core.reference;
