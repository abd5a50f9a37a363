package dev.clocksync.ctl;

import java.time.Duration;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** How numbers read to a person: nanoseconds in the unit that suits them. */
final class Format {

    private Format() {}

    /** A signed amount of time: {@code +1.234 ms}, {@code -56.7 us}, {@code +2.951 s}. */
    static String signedNanos(long nanos) {
        return (nanos < 0 ? "-" : "+") + magnitude(Math.abs((double) nanos));
    }

    /** An amount of time without a sign; {@code unbounded} for {@link Long#MAX_VALUE}. */
    static String nanos(long nanos) {
        return nanos == Long.MAX_VALUE ? "unbounded" : magnitude(Math.abs((double) nanos));
    }

    private static String magnitude(double nanos) {
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    static String duration(Duration duration) {
        return nanos(duration.toNanos());
    }

    /** A JSON field of nanoseconds, signed or not; {@code -} where absent or null. */
    static String nanosField(JsonNode node, String field, boolean signed) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            return "-";
        }
        return signed ? signedNanos(value.longValue()) : nanos(value.longValue());
    }

    /** A JSON text field; {@code -} where absent, null or empty. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "-";
        }
        String text = value.asString("");
        return text.isEmpty() ? "-" : text;
    }
}
