/**
 * HMAC request signing and verification, and freshness by probe nonce rather than by comparing
 * two hosts' wall clocks.
 */
package dev.clocksync.core.signing;
