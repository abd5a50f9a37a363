package dev.clocksync.benchmarks.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line of {@code --name value}, {@code --name=value} and {@code --flag} options. Every
 * problem is an IllegalArgumentException whose message is meant for the user, thrown before
 * anything is started.
 */
final class Args {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

    private final Map<String, List<String>> values;
    private final Set<String> flags;

    private Args(Map<String, List<String>> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    /**
     * @param valueOptions options that take a value (they may be repeated)
     * @param flagOptions options that take none
     */
    static Args parse(String[] args, Set<String> valueOptions, Set<String> flagOptions) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (flagOptions.contains(name)) {
                if (equals >= 0) {
                    throw new IllegalArgumentException(name + " takes no value");
                }
                flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } else {
                throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new Args(values, flags);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** All values of a repeatable option, in order. */
    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    String string(String name, String fallback) {
        List<String> given = all(name);
        return given.isEmpty() ? fallback : given.getLast();
    }

    int integer(String name, int fallback, int min, int max) {
        String given = string(name, null);
        if (given == null) {
            return fallback;
        }
        return integerValue(name, given, min, max);
    }

    static int integerValue(String name, String given, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(given.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + given + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    long longValue(String name, long fallback) {
        String given = string(name, null);
        if (given == null) {
            return fallback;
        }
        try {
            return Long.parseLong(given);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + given + "'");
        }
    }

    Duration duration(String name, Duration fallback, Duration min, Duration max) {
        String given = string(name, null);
        if (given == null) {
            return fallback;
        }
        Duration value = durationValue(name, given);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    name + " must be from " + format(min) + " to " + format(max) + ", got " + given);
        }
        return value;
    }

    /** A duration with its unit, as the services take them: 500ms, 2s, 10m, 1h. */
    static Duration durationValue(String name, String given) {
        Matcher m = DURATION.matcher(given.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    name + " must be a duration with a unit such as 500ms, 120s or 10m, got '" + given + "'");
        }
        double amount = Double.parseDouble(m.group(1));
        long unitNanos = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        return Duration.ofNanos(Math.round(amount * unitNanos));
    }

    /** Spring-style key=value, as the services read them from the command line. */
    static Map.Entry<String, String> property(String option, String given) {
        int equals = given.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException(option + " must be name=value, got '" + given + "'");
        }
        String key = given.substring(0, equals).strip();
        return Map.entry(key.startsWith("--") ? key.substring(2) : key, given.substring(equals + 1));
    }

    /** A duration as the services parse it: whole milliseconds or seconds where exact. */
    static String format(Duration duration) {
        if (duration.toNanos() % 1_000_000_000L == 0) {
            return duration.toSeconds() + "s";
        }
        if (duration.toNanos() % 1_000_000L == 0) {
            return duration.toMillis() + "ms";
        }
        return duration.toNanos() / 1_000 + "us";
    }
}
