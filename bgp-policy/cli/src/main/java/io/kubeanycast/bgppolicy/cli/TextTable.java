/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A left-aligned plain-text table: columns separated by two spaces, no trailing blanks, so the output reads well
 * over SSH and stays easy to grep and to assert on. Mutable and not thread-safe: build, render, drop.
 */
final class TextTable {
    private static final String GAP = "  ";

    private final String indent;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(final String indent, final String... headers) {
        this.indent = indent;
        this.headers = List.of(headers);
    }

    static TextTable of(final String... headers) {
        return new TextTable("", headers);
    }

    /**
     * A table whose every line starts with the given indent, to nest it under a heading.
     */
    static TextTable indented(final String indent, final String... headers) {
        return new TextTable(indent, headers);
    }

    TextTable row(final String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells: " + Arrays.toString(cells));
        }
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * The table, one line per row after the header line, each line ending with a newline.
     */
    String render() {
        final int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        final StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private void line(final StringBuilder out, final List<String> cells, final int[] widths) {
        final StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(GAP);
            }
            line.append(cells.get(i));
            line.append(" ".repeat(widths[i] - cells.get(i).length()));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
