/**
 * A small application that takes its timestamps from clocksync through the Spring Boot starter.
 */
package dev.clocksync.example;
