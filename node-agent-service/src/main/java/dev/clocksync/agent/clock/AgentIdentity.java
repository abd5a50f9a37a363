package dev.clocksync.agent.clock;

/**
 * Who this agent is: a stable id and an epoch that changes at every start, so that the daemon
 * notices a restart (and the loss of the clock's state).
 */
public record AgentIdentity(String agentId, String epoch) {}
