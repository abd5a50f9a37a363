package dev.clocksync.agent.metrics;

/** Reads samples out of Prometheus's text exposition format. */
public final class PrometheusText {

    private PrometheusText() {}

    /** The value of the sample with exactly this name and these labels. */
    public static double value(String text, String nameAndLabels) {
        String line = text.lines()
                .filter(l -> l.startsWith(nameAndLabels + " "))
                .findFirst()
                .orElseThrow(() -> new AssertionError(nameAndLabels + " not in\n" + text));
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).replace("+Inf", "Infinity"));
    }
}
