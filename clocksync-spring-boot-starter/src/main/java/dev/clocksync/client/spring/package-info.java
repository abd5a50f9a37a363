/**
 * Spring Boot auto-configuration of the clocksync client: the Clock bean, a health indicator and
 * gauges.
 */
package dev.clocksync.client.spring;
