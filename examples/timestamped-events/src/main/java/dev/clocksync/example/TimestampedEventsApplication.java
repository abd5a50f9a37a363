package dev.clocksync.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny application whose timestamps come from clocksync: see {@link EventRecorder}. */
@SpringBootApplication
public class TimestampedEventsApplication {

    public static void main(String[] args) {
        SpringApplication.run(TimestampedEventsApplication.class, args);
    }
}
