package dev.clocksync.agent.api;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.core.clock.ClockReading;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.AdjustmentResponse;
import dev.clocksync.core.protocol.Paths;
import dev.clocksync.core.protocol.TimeReading;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Adjustments from the daemon and synchronized time for applications; probes are served by {@link ClockProbeFilter}. */
@RestController
class ClockController {

    private final DisciplinedClock clock;
    private final AdjustmentService adjustments;

    ClockController(DisciplinedClock clock, AdjustmentService adjustments) {
        this.clock = clock;
        this.adjustments = adjustments;
    }

    @PostMapping(path = ApiConfiguration.ADJUSTMENTS_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    AdjustmentResponse adjust(@Valid @RequestBody AdjustmentRequest request, HttpServletRequest http) {
        return adjustments.apply(request, daemonAddress(http));
    }

    /** The peer's address; a literal IP never needs a name lookup. */
    private static InetAddress daemonAddress(HttpServletRequest http) {
        try {
            return InetAddress.getByName(http.getRemoteAddr());
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    /** Synchronized time for applications, with the interval that contains true time. */
    @GetMapping(Paths.TIME)
    TimeReading time() {
        ClockReading reading = clock.read();
        return new TimeReading(
                reading.epochNanos(),
                reading.earliestNanos(),
                reading.latestNanos(),
                reading.errorBoundNanos(),
                reading.status(),
                adjustments.reference());
    }
}
