/**
 * Time as a dependency: the host's clocks (TimeSource), raw oscillators, and the manual and
 * simulated ones tests and simulations drive.
 */
package dev.clocksync.core.time;
