/**
 * One NTP-style exchange and its offset and delay, the minimum-delay filter over several, and the
 * delay-ratio test across rounds.
 */
package dev.clocksync.core.exchange;
