/**
 * NTP server logic free of sockets: time formats, what an answer advertises, per-client rate
 * limiting.
 */
package dev.clocksync.core.ntp;
