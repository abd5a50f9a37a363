/**
 * The time daemon: a Spring Boot application whose leader runs Berkeley rounds over the
 * discovered agents.
 */
package dev.clocksync.daemon;
