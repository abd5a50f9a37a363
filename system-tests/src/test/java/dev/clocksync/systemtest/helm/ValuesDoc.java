package dev.clocksync.systemtest.helm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * The value table of the chart's README, made from values.yaml by helm-docs' conventions: a
 * {@code # --} comment right above a key describes it (continued on the following comment lines),
 * {@code # @default --} says what the default means where the value alone does not. A described
 * key is one row, its children included in its default; an undescribed map is entered; an
 * undescribed value anywhere else is an error, so that every value is documented where it is
 * declared. Rows keep the file's order.
 */
final class ValuesDoc {

    static final String HEADER = "| Key | Type | Default | Description |\n|-----|------|---------|-------------|\n";

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_][A-Za-z0-9_./-]*):(?: |$)");
    private static final Pattern COMMENT = Pattern.compile("^ *#(.*)$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern HTML = Pattern.compile("<[A-Za-z/!]");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One documented key. */
    record Row(String key, String type, String defaultValue, String description) {

        String markdown() {
            return "| " + escape(key) + " | " + type + " | " + escape(defaultValue) + " | " + escape(description)
                    + " |\n";
        }
    }

    /** What the comments say about one key: its description and, if given, its default's. */
    private record Comment(String description, String defaultText) {}

    private ValuesDoc() {}

    /** The rows of values.yaml; fails on an undocumented value or a description that names no key. */
    static List<Row> rows(String valuesYaml) {
        Map<List<String>, Comment> comments = comments(valuesYaml);
        Object tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(valuesYaml);
        List<Row> rows = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        walk(tree, List.of(), comments, rows, problems);
        List<String> keys = rows.stream().map(Row::key).toList();
        comments.keySet().stream()
                .map(path -> String.join(".", path))
                .filter(key -> !keys.contains(key))
                .forEach(key -> problems.add(key + ": described, but inside a described key (or not a key)"));
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "values.yaml is not documented as the README table needs it:\n  " + String.join("\n  ", problems));
        }
        return rows;
    }

    /** The whole table, header included. */
    static String table(String valuesYaml) {
        StringBuilder table = new StringBuilder(HEADER);
        rows(valuesYaml).forEach(row -> table.append(row.markdown()));
        return table.toString();
    }

    private static void walk(
            Object value,
            List<String> path,
            Map<List<String>, Comment> comments,
            List<Row> rows,
            List<String> problems) {
        Comment comment = comments.get(path);
        if (comment != null) {
            String shown =
                    comment.defaultText() != null ? comment.defaultText() : "`" + JSON.writeValueAsString(value) + "`";
            if (HTML.matcher(CODE_SPAN
                            .matcher(comment.description() + " " + shown)
                            .replaceAll(""))
                    .find()) {
                problems.add(String.join(".", path) + ": Markdown would read <...> as HTML; put it in backticks");
            }
            rows.add(new Row(String.join(".", path), type(value), shown, comment.description()));
        } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            map.forEach((key, child) -> {
                List<String> childPath = new ArrayList<>(path);
                childPath.add(String.valueOf(key));
                walk(child, childPath, comments, rows, problems);
            });
        } else {
            problems.add((path.isEmpty() ? "(root)" : String.join(".", path))
                    + ": no `# --` description above it or above a key that holds it");
        }
    }

    static String type(Object value) {
        return switch (value) {
            case null -> "string";
            case Boolean b -> "bool";
            case Integer i -> "int";
            case Long l -> "int";
            case Number n -> "float";
            case String s -> "string";
            case List<?> l -> "list";
            case Map<?, ?> m -> "object";
            default -> throw new IllegalArgumentException("unexpected YAML value " + value.getClass());
        };
    }

    /**
     * Descriptions by key path, read from the comment block that ends right above each key. Lines
     * inside a block list (its items may be maps) are no keys of values.yaml's own.
     */
    private static Map<List<String>, Comment> comments(String valuesYaml) {
        Map<List<String>, Comment> found = new LinkedHashMap<>();
        Deque<Map.Entry<Integer, List<String>>> open = new ArrayDeque<>();
        List<String> block = new ArrayList<>();
        int listOwnerIndent = -1;
        for (String line : valuesYaml.split("\n", -1)) {
            if (line.isBlank()) {
                block.clear();
                continue;
            }
            Matcher comment = COMMENT.matcher(line);
            if (comment.matches()) {
                block.add(comment.group(1));
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            boolean item = line.stripLeading().startsWith("-");
            if (listOwnerIndent >= 0 && (indent > listOwnerIndent || (indent == listOwnerIndent && item))) {
                block.clear();
                continue;
            }
            listOwnerIndent = -1;
            if (item) {
                listOwnerIndent = open.isEmpty() ? 0 : open.peek().getKey();
                block.clear();
                continue;
            }
            Matcher key = KEY.matcher(line);
            if (!key.find()) {
                throw new AssertionError("values.yaml: cannot read line: " + line);
            }
            while (!open.isEmpty() && open.peek().getKey() >= indent) {
                open.pop();
            }
            List<String> path =
                    new ArrayList<>(open.isEmpty() ? List.of() : open.peek().getValue());
            path.add(key.group(2));
            open.push(Map.entry(indent, List.copyOf(path)));
            describe(block).ifPresent(c -> found.put(List.copyOf(path), c));
            block.clear();
        }
        return found;
    }

    /** The part of a comment block from its `# --` line on, if it has one. */
    private static java.util.Optional<Comment> describe(List<String> block) {
        int start = -1;
        for (int i = 0; i < block.size(); i++) {
            if (block.get(i).startsWith(" -- ")) {
                start = i;
            }
        }
        if (start < 0) {
            return java.util.Optional.empty();
        }
        StringBuilder description =
                new StringBuilder(block.get(start).substring(4).strip());
        String defaultText = null;
        for (String line : block.subList(start + 1, block.size())) {
            String text = line.strip();
            if (text.startsWith("@default -- ")) {
                defaultText = text.substring("@default -- ".length()).strip();
            } else if (defaultText == null) {
                description.append(' ').append(text);
            } else {
                defaultText = defaultText + " " + text;
            }
        }
        return java.util.Optional.of(new Comment(description.toString(), defaultText));
    }

    private static String escape(String text) {
        return text.replace("|", "\\|");
    }
}
