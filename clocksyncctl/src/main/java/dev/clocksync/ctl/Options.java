package dev.clocksync.ctl;

import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** Options shared by the commands, as picocli mixins, and their converters. */
final class Options {

    private Options() {}

    enum OutputFormat {
        TABLE,
        JSON
    }

    /** {@code -o table|json} and where output goes. */
    static final class Output {

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FORMAT",
                defaultValue = "table",
                converter = OutputConverter.class,
                description = "table (for people, the default) or json (for scripts)")
        OutputFormat format;

        boolean json() {
            return format == OutputFormat.JSON;
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void printJson(JsonNode node) {
            out().println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            out().flush();
        }
    }

    /** {@code --daemon URL} and {@code --timeout}. */
    static final class Daemon {

        @Option(
                names = "--daemon",
                paramLabel = "URL",
                defaultValue = "${env:CLOCKSYNC_DAEMON_URL:-http://localhost:8080}",
                converter = UrlConverter.class,
                description = "the time daemon's base URL (default: $CLOCKSYNC_DAEMON_URL, else ${DEFAULT-VALUE})")
        URI url;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "5s",
                converter = DurationConverter.class,
                description = "how long to wait for each answer, e.g. 500ms, 5s (default ${DEFAULT-VALUE})")
        Duration timeout;

        Api api() {
            return new Api(url, timeout);
        }
    }

    /** {@code --agent URL} and {@code --timeout}. */
    static final class Agent {

        @Option(
                names = "--agent",
                paramLabel = "URL",
                defaultValue = "${env:CLOCKSYNC_AGENT_URL:-http://localhost:8081}",
                converter = UrlConverter.class,
                description = "the node agent's base URL (default: $CLOCKSYNC_AGENT_URL, else ${DEFAULT-VALUE})")
        URI url;

        @Option(
                names = "--timeout",
                paramLabel = "DURATION",
                defaultValue = "5s",
                converter = DurationConverter.class,
                description = "how long to wait for each answer, e.g. 500ms, 5s (default ${DEFAULT-VALUE})")
        Duration timeout;

        Api api() {
            return new Api(url, timeout);
        }
    }

    static final class OutputConverter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "table" -> OutputFormat.TABLE;
                case "json" -> OutputFormat.JSON;
                default -> throw new CommandLine.TypeConversionException("must be table or json, got '" + value + "'");
            };
        }
    }

    static final class UrlConverter implements CommandLine.ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            URI uri;
            try {
                uri = new URI(value.strip());
            } catch (java.net.URISyntaxException e) {
                throw notAUrl(value);
            }
            String scheme = uri.getScheme();
            if (scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null) {
                throw notAUrl(value);
            }
            return uri;
        }

        private static CommandLine.TypeConversionException notAUrl(String value) {
            return new CommandLine.TypeConversionException(
                    "must be an http(s) base URL such as http://localhost:8080, got '" + value + "'");
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m)");

        @Override
        public Duration convert(String value) {
            Duration duration = parse(value.strip().toLowerCase(Locale.ROOT));
            if (duration == null || duration.isZero() || duration.isNegative()) {
                throw new CommandLine.TypeConversionException(
                        "must be a positive duration such as 500ms, 2s or 1m, got '" + value + "'");
            }
            return duration;
        }

        private static Duration parse(String value) {
            Matcher simple = SIMPLE.matcher(value);
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                return switch (simple.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    default -> Duration.ofMinutes(amount);
                };
            }
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
