package dev.tcpip.bench.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of strings, rendered as aligned plain text (for stdout) or as a Markdown pipe table.
 */
public final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    /**
     * @param header the column titles
     */
    public TextTable(String... header) {
        this.header = List.of(header);
    }

    /**
     * Adds a row.
     *
     * @param cells one cell per column
     * @return this table
     * @throws IllegalArgumentException if the number of cells is not the number of columns
     */
    public TextTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("expected " + header.size() + " cells, got " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    /**
     * @return true if the table has no row
     */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * @return the table as plain text: columns padded to their widest cell and separated by two spaces, a
     *     dashed line under the header, each line ending with a line feed
     */
    public String text() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        List<String> dashes = new ArrayList<>();
        for (int w : width) {
            char[] d = new char[w];
            Arrays.fill(d, '-');
            dashes.add(new String(d));
        }
        line(sb, dashes, width);
        for (List<String> row : rows) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(cells.get(c));
            for (int k = cells.get(c).length(); k < width[c]; k++) {
                line.append(' ');
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * @return the table in Markdown: a header row, a separator row, one row per line; {@code |} in cells is
     *     escaped
     */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        mdLine(sb, header);
        sb.append('|');
        for (int c = 0; c < header.size(); c++) {
            sb.append("---|");
        }
        sb.append('\n');
        for (List<String> row : rows) {
            mdLine(sb, row);
        }
        return sb.toString();
    }

    private static void mdLine(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String cell : cells) {
            sb.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }
}
