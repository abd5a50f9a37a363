package dev.clocksync.agent.node;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Structure;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the node kernel's NTP state with adjtimex(2), modes = 0: read-only, no privilege needed,
 * nothing changes. Where the call is unavailable (not Linux, no native access) it says so once
 * and answers empty from then on.
 */
class Adjtimex {

    private static final Logger log = LoggerFactory.getLogger(Adjtimex.class);
    private static final double FREQUENCY_SCALE = 65_536; // ppm with 16 fractional bits

    private final LibC libc;

    Adjtimex(LibC libc) {
        this.libc = libc;
    }

    /** The kernel's reader here, or one that always answers empty where there is none. */
    static Adjtimex load() {
        try {
            LibC libc = Native.load("c", LibC.class);
            Adjtimex reader = new Adjtimex(libc);
            if (reader.read().isPresent()) {
                return reader;
            }
        } catch (LinkageError | RuntimeException e) {
            log.info(
                    "The node kernel's NTP state cannot be read here ({}); clocksync_node_timex_* are left out",
                    e.toString());
            return new Adjtimex(null);
        }
        log.info("adjtimex(2) failed here; clocksync_node_timex_* are left out");
        return new Adjtimex(null);
    }

    boolean available() {
        return libc != null;
    }

    Optional<Timex> read() {
        if (libc == null) {
            return Optional.empty();
        }
        TimexStruct t = new TimexStruct();
        int state;
        try {
            state = libc.adjtimex(t);
        } catch (LastErrorException e) {
            return Optional.empty();
        }
        long offsetUnit = (t.status & Timex.STA_NANO) != 0 ? 1 : 1_000;
        return Optional.of(new Timex(
                state,
                t.status,
                t.offset.longValue() * offsetUnit,
                t.freq.longValue() / FREQUENCY_SCALE,
                t.maxerror.longValue() * 1_000,
                t.esterror.longValue() * 1_000,
                t.tai));
    }

    interface LibC extends Library {
        int adjtimex(TimexStruct timex) throws LastErrorException;
    }

    /** struct timex of <sys/timex.h>; the trailing padding keeps its 208 bytes on 64-bit Linux. */
    @Structure.FieldOrder({
        "modes", "offset", "freq", "maxerror", "esterror", "status", "constant", "precision", "tolerance",
        "timeSeconds", "timeMicros", "tick", "ppsfreq", "jitter", "shift", "stabil", "jitcnt", "calcnt",
        "errcnt", "stbcnt", "tai", "padding"
    })
    public static class TimexStruct extends Structure {
        public int modes;
        public NativeLong offset = new NativeLong();
        public NativeLong freq = new NativeLong();
        public NativeLong maxerror = new NativeLong();
        public NativeLong esterror = new NativeLong();
        public int status;
        public NativeLong constant = new NativeLong();
        public NativeLong precision = new NativeLong();
        public NativeLong tolerance = new NativeLong();
        public NativeLong timeSeconds = new NativeLong();
        public NativeLong timeMicros = new NativeLong();
        public NativeLong tick = new NativeLong();
        public NativeLong ppsfreq = new NativeLong();
        public NativeLong jitter = new NativeLong();
        public int shift;
        public NativeLong stabil = new NativeLong();
        public NativeLong jitcnt = new NativeLong();
        public NativeLong calcnt = new NativeLong();
        public NativeLong errcnt = new NativeLong();
        public NativeLong stbcnt = new NativeLong();
        public int tai;
        public int[] padding = new int[11];
    }
}
