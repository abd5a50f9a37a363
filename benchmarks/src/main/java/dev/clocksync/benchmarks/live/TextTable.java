package dev.clocksync.benchmarks.live;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A table of text, columns padded to their widest cell, first column left-aligned. */
final class TextTable {

    private final List<List<String>> rows = new ArrayList<>();

    TextTable row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    void print(PrintStream out) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                String cell = row.get(c);
                if (c == 0) {
                    line.append(cell).append(" ".repeat(widths[c] - cell.length()));
                } else {
                    line.append("  ")
                            .append(" ".repeat(widths[c] - cell.length()))
                            .append(cell);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** The same table as Markdown, for RESULTS.md. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            md.append("| ").append(String.join(" | ", rows.get(r))).append(" |\n");
            if (r == 0) {
                md.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
            }
        }
        return md.toString();
    }
}
