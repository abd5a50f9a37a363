/**
 * Which leader's adjustments an agent follows: terms as fencing tokens that expire when silent.
 */
package dev.clocksync.core.fencing;
