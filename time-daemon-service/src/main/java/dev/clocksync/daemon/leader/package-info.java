/**
 * Who runs rounds: Lease election among replicas in Kubernetes, a single leader elsewhere; the
 * term is the fencing token.
 */
package dev.clocksync.daemon.leader;
