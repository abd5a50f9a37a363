/**
 * The agent's NTP server (RFC 5905 server mode): the cluster time for the node's own time daemon.
 */
package dev.clocksync.agent.ntp;
