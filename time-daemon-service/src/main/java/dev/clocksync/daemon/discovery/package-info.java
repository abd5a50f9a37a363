/**
 * Who the agents are: discovery (Kubernetes or a static list), with pods, nodes and zones.
 */
package dev.clocksync.daemon.discovery;
