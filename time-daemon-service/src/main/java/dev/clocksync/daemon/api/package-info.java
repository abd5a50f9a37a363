/**
 * The daemon's HTTP API: agents, rounds, leader, and the signed run-now.
 */
package dev.clocksync.daemon.api;
