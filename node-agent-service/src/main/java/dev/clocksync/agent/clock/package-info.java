/**
 * Where the agent's clock comes from (the node's crystal anchored to its clock, or a simulation),
 * its configuration and its identity.
 */
package dev.clocksync.agent.clock;
