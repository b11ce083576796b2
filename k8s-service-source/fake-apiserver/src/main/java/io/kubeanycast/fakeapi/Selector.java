/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Label and field selectors of list and watch requests: equality ({@code =}, {@code ==}, {@code !=}), existence
 * ({@code key}, {@code !key}) and set ({@code in}, {@code notin}) terms, comma-separated, all of which must match.
 * Immutable and thread-safe.
 */
public final class Selector implements Predicate<JsonObject> {
    public static final Selector ALL = new Selector(List.of());

    private final List<Predicate<JsonObject>> terms;

    private Selector(final List<Predicate<JsonObject>> terms) {
        this.terms = List.copyOf(terms);
    }

    @Override
    public boolean test(final JsonObject object) {
        return terms.stream().allMatch(term -> term.test(object));
    }

    public Selector and(final Selector other) {
        final List<Predicate<JsonObject>> all = new ArrayList<>(terms);
        all.addAll(other.terms);
        return new Selector(all);
    }

    /**
     * Parse a label selector; values are read from {@code metadata.labels}.
     */
    public static Selector labels(final String selector) {
        return parse(selector, key -> object -> {
            final JsonObject labels = child(child(object, "metadata"), "labels");
            final JsonElement value = labels == null ? null : labels.get(key);
            return value == null || value.isJsonNull() ? null : value.getAsString();
        });
    }

    /**
     * Parse a field selector; keys are dotted paths such as {@code metadata.name}.
     */
    public static Selector fields(final String selector) {
        return parse(selector, key -> object -> {
            JsonElement current = object;
            for (String part : key.split("\\.")) {
                if (current == null || !current.isJsonObject()) {
                    return null;
                }
                current = current.getAsJsonObject().get(part);
            }
            return current == null || current.isJsonNull() || !current.isJsonPrimitive() ? null
                : current.getAsString();
        });
    }

    private interface ValueReader {
        java.util.function.Function<JsonObject, String> reader(String key);
    }

    private static Selector parse(final String selector, final ValueReader values) {
        if (selector == null || selector.isBlank()) {
            return ALL;
        }
        final List<Predicate<JsonObject>> terms = new ArrayList<>();
        for (String raw : splitTerms(selector)) {
            final String term = raw.trim();
            if (term.isEmpty()) {
                continue;
            }
            terms.add(parseTerm(term, values));
        }
        return new Selector(terms);
    }

    private static Predicate<JsonObject> parseTerm(final String term, final ValueReader values) {
        final int notEquals = term.indexOf("!=");
        if (notEquals > 0) {
            final var value = values.reader(term.substring(0, notEquals).trim());
            final String expected = term.substring(notEquals + 2).trim();
            return object -> !expected.equals(value.apply(object));
        }
        final int equals = term.indexOf('=');
        if (equals > 0) {
            final var value = values.reader(term.substring(0, equals).trim());
            final String expected = term.substring(term.startsWith("==", equals) ? equals + 2 : equals + 1).trim();
            return object -> expected.equals(value.apply(object));
        }
        final String[] words = term.split("\\s+", 3);
        if (words.length == 3 && ("in".equals(words[1]) || "notin".equals(words[1]))) {
            final var value = values.reader(words[0]);
            final String set = words[2].trim();
            if (!set.startsWith("(") || !set.endsWith(")")) {
                throw ApiError.badRequest("invalid selector term: " + term);
            }
            final Set<String> allowed = Set.of(set.substring(1, set.length() - 1).trim().split("\\s*,\\s*"));
            final boolean in = "in".equals(words[1]);
            return object -> {
                final String actual = value.apply(object);
                return in ? actual != null && allowed.contains(actual) : actual == null || !allowed.contains(actual);
            };
        }
        if (term.startsWith("!")) {
            final var value = values.reader(term.substring(1).trim());
            return object -> value.apply(object) == null;
        }
        final var value = values.reader(term);
        return object -> value.apply(object) != null;
    }

    // commas inside "in (a,b)" do not separate terms
    private static List<String> splitTerms(final String selector) {
        final List<String> result = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            final char ch = selector.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                result.add(selector.substring(start, i));
                start = i + 1;
            }
        }
        result.add(selector.substring(start));
        return result;
    }

    private static JsonObject child(final JsonObject parent, final String name) {
        if (parent == null) {
            return null;
        }
        final JsonElement child = parent.get(name);
        return child != null && child.isJsonObject() ? child.getAsJsonObject() : null;
    }
}
