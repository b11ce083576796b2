/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.bgppolicy.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repository explains itself: no file may send its reader to notes that are not in it (the design notes the
 * project started from, or a shared folder beside the checkout). What a reader needs is written into
 * {@code docs/}. Walks the whole checkout (build output, VCS data and binaries skipped), so it guards every
 * module, not only this one.
 */
class SelfContainedRepositoryTest {
    // Built from pieces so that this file does not match itself.
    private static final Pattern OUTSIDE_REFERENCE = Pattern.compile(
        "DESIGN" + "\\.md|(?<![\\w-])" + "shared" + "/|/work/" + "shared|\\.\\./" + "shared\\b");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", "node_modules");
    private static final Set<String> BINARY_SUFFIXES = Set.of(".png", ".jpg", ".gif", ".jar", ".tar", ".gz", ".zip",
        ".class");
    private static final long MAX_TEXT_SIZE = 4L << 20;

    @Test
    void noFileRefersToNotesOutsideTheRepository() throws IOException {
        final Path root = repositoryRoot();
        final List<String> offenders = new ArrayList<>();
        final int[] scanned = {0};
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(file -> Files.isRegularFile(file) && isScanned(root, file)).forEach(file -> {
                scanned[0]++;
                offenders.addAll(references(root, file));
            });
        }
        // guard against a walk that silently saw nothing (wrong root): the repository has hundreds of text files
        assertTrue(scanned[0] > 100, "only " + scanned[0] + " files scanned under " + root);
        assertEquals(List.of(), offenders, "files refer to notes outside the repository; put the facts into docs/"
            + " in our own words and point there");
    }

    @Test
    void thePatternCatchesEveryFormSeenBefore() {
        // pieced together, like the pattern, so that this file passes its own check
        final String design = "DESIGN" + ".md";
        final String shared = "shared" + "/";
        for (String bad : List.of("see " + design + " section 4", "(" + shared + "reference/odl-restconf/)",
                "../" + shared + design, "/work/" + shared + "notes")) {
            assertTrue(OUTSIDE_REFERENCE.matcher(bad).find(), bad);
        }
        // the folder name inside a longer word is not a path into that folder
        for (String fine : List.of("docs/architecture.md", "pre-shared/key", "unshared/x", "DESIGN_md")) {
            assertFalse(OUTSIDE_REFERENCE.matcher(fine).find(), fine);
        }
    }

    private static List<String> references(final Path root, final Path file) {
        final String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            // not UTF-8 text: a binary the suffix list does not know
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final List<String> found = new ArrayList<>();
        final Matcher matcher = OUTSIDE_REFERENCE.matcher(text);
        while (matcher.find()) {
            final long line = 1 + text.substring(0, matcher.start()).chars().filter(ch -> ch == '\n').count();
            found.add(root.relativize(file) + ":" + line + ": " + matcher.group());
        }
        return found;
    }

    private static boolean isScanned(final Path root, final Path file) {
        final Path relative = root.relativize(file);
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
            }
        }
        // the end-to-end suite's scratch directory (Karaf copies, logs), ignored by git
        if (relative.startsWith(Path.of("tests", "e2e", "work"))) {
            return false;
        }
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (BINARY_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return false;
        }
        try {
            return Files.size(file) < MAX_TEXT_SIZE;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkout: the first directory upwards from the module that holds the top pom and docs/. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("README.md"))
                    && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new AssertionError("no repository root (pom.xml, README.md and docs/) above "
            + Path.of("").toAbsolutePath());
    }
}
