package dev.clocksync.daemon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

@SpringBootApplication
@ConfigurationPropertiesScan
@PropertySource("classpath:clocksync-daemon.properties")
public class TimeDaemonApplication {

    public static void main(String[] args) {
        SpringApplication.run(TimeDaemonApplication.class, args);
    }
}
