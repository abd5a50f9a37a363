package dev.clocksync.benchmarks.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Where the raw figures go, and how: CSV for series, JSON for summaries. */
final class Results {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Results() {}

    /** benchmarks/target/results/MODE-yyyyMMdd-HHmmss, from the project's root. */
    static Path defaultFolder(String mode) {
        return Path.of(
                "benchmarks",
                "target",
                "results",
                mode + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    static void csv(Path file, List<String> header, List<List<?>> rows) {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (List<?> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                Object cell = row.get(i);
                text.append(cell == null ? "" : cell.toString());
            }
            text.append('\n');
        }
        write(file, text.toString());
    }

    static void json(Path file, Object value) {
        write(file, JSON.writeValueAsString(value) + "\n");
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
