/**
 * The node agent: a Spring Boot application that keeps a disciplined clock, lets the leading time
 * daemon measure and correct it over REST, and serves its time to applications (REST) and to the
 * node's own time daemon (NTP).
 */
package dev.clocksync.agent;
