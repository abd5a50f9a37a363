/**
 * Facts of a deployment shared by the services: default instance names, installation tags.
 */
package dev.clocksync.core.deployment;
