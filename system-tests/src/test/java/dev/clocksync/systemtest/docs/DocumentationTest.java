package dev.clocksync.systemtest.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.systemtest.process.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documentation stays true where a machine can tell: every link between the project's
 * Markdown files leads to a file, and to a heading where it names one; and the configuration
 * reference lists exactly the properties the services and the starter declare.
 */
class DocumentationTest {

    static final Path ROOT = ProjectPaths.root();
    static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    static final Pattern SECTION = Pattern.compile("^## .*\\(`([a-z.]+)\\.\\*`\\)\\s*$");
    static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\|");

    @Test
    void everyLinkBetweenTheProjectsDocumentsResolves() throws IOException {
        List<Path> documents = documents();
        assertThat(documents).as("Markdown files").hasSizeGreaterThan(10);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            String text = withoutCode(Files.readString(document));
            Matcher matcher = LINK.matcher(text);
            while (matcher.find()) {
                String target = matcher.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, https:, mailto:
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty()
                        ? document
                        : document.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (no such file)");
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(ROOT.relativize(document) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(checked).as("links checked").isGreaterThan(20);
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theConfigurationReferenceListsExactlyTheDeclaredProperties() throws IOException {
        Set<String> declared = new TreeSet<>();
        for (String module : List.of("node-agent-service", "time-daemon-service", "clocksync-spring-boot-starter")) {
            for (String file :
                    List.of("spring-configuration-metadata.json", "additional-spring-configuration-metadata.json")) {
                Path metadata = ROOT.resolve(module + "/target/classes/META-INF/" + file);
                if (Files.exists(metadata)) {
                    for (JsonNode property : JsonMapper.builder()
                            .build()
                            .readTree(metadata.toFile())
                            .path("properties")) {
                        declared.add(property.path("name").asString());
                    }
                }
            }
        }
        assertThat(declared)
                .as("properties in the generated metadata (build the services first)")
                .contains("clocksync.agent.term-expiry", "clocksync.daemon.interval", "clocksync.client.agent-url");

        Set<String> documented = new TreeSet<>();
        String prefix = null;
        for (String line : Files.readAllLines(ROOT.resolve("docs/configuration.md"))) {
            Matcher section = SECTION.matcher(line);
            if (section.matches()) {
                prefix = section.group(1);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (row.find() && prefix != null) {
                String name = row.group(1);
                documented.add(name.contains(".") && name.startsWith("management.") ? name : prefix + "." + name);
            }
        }
        assertThat(documented).as("properties in docs/configuration.md").isEqualTo(declared);
    }

    private static List<Path> documents() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> !ROOT.relativize(p).toString().matches(".*(^|/)(target|node_modules|\\.[a-z]+)/.*"))
                    .sorted()
                    .toList();
        }
    }

    /** Headings as GitHub anchors them: lower case, punctuation dropped, spaces as dashes. */
    static Set<String> anchors(Path document) throws IOException {
        Set<String> anchors = new TreeSet<>();
        boolean code = false;
        for (String line : Files.readAllLines(document)) {
            if (line.startsWith("```")) {
                code = !code;
            }
            if (!code && line.matches("^#{1,6} .*")) {
                String text = line.replaceFirst("^#+ ", "").toLowerCase(Locale.ROOT);
                anchors.add(text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }

    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\\n]*`", "");
    }
}
