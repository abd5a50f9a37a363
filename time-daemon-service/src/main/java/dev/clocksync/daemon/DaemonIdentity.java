package dev.clocksync.daemon;

/** This daemon instance's id: configured, else the host name. */
public record DaemonIdentity(String id) {}
