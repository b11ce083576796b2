/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.cli;

import io.kubeanycast.bgppolicy.core.Community;
import io.kubeanycast.bgppolicy.core.PathAttributes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * Small text helpers shared by the formatters, and the one table layout of every command. Stateless.
 */
final class Texts {
    static final String NONE = "-";

    /** Between columns: two blanks, no box characters, so the text stays easy to grep and to parse. */
    private static final String GAP = "  ";

    private Texts() {
        // utility class
    }

    static String communities(final PathAttributes attributes) {
        return attributes.communities().isEmpty() ? NONE
            : attributes.communities().stream().map(Community::toString).collect(Collectors.joining(","));
    }

    static String med(final PathAttributes attributes) {
        return attributes.med().isPresent() ? Long.toString(attributes.med().getAsLong()) : NONE;
    }

    /**
     * A Karaf {@link ShellTable} laid out as kube-anycast's commands print tables: left-aligned columns separated
     * by two blanks, the header as the first line without an underline, no trailing blanks.
     *
     * @param headers the column headers; a table of facts whose headers are all blank prints no header line
     */
    static ShellTable table(final String... headers) {
        final ShellTable table = new ShellTable().noHeaders().separator(GAP);
        boolean anyHeader = false;
        for (String header : headers) {
            // the header row below sets the widths; ShellTable's own header line (with its underline) stays off
            table.column("");
            anyHeader |= !header.isBlank();
        }
        if (anyHeader) {
            table.addRow().addContent((Object[]) headers);
        }
        return table;
    }

    /**
     * The table as text, one line per row, each ending with a newline.
     */
    static String render(final ShellTable table) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            // an explicit charset: without one ShellTable guesses from the stream and falls back to " | "
            table.print(out, StandardCharsets.UTF_8, true);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}
