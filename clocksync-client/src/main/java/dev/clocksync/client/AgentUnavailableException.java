package dev.clocksync.client;

import java.net.URI;

/**
 * No time reading could be had from the agent: it could not be reached in time, or it answered
 * with something other than a time reading (an HTTP error, or a body that is not one).
 */
public final class AgentUnavailableException extends ClocksyncException {

    private final URI agentUri;

    AgentUnavailableException(URI agentUri, String reason, Throwable cause) {
        super("clocksync agent at " + agentUri + " unavailable: " + reason, cause);
        this.agentUri = agentUri;
    }

    /** The agent's base URI. */
    public URI agentUri() {
        return agentUri;
    }
}
