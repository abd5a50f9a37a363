/**
 * clocksyncctl, the operator's command line: status of an agent, the daemon's agents, rounds and
 * leader, clockdiff, run-now and watch.
 */
package dev.clocksync.ctl;
