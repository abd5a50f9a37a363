/**
 * Integer arithmetic that cannot overflow, for offsets and bounds a broken peer could make
 * extreme.
 */
package dev.clocksync.core.math;
