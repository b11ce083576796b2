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
import java.util.Map;

/**
 * RFC 7386 JSON merge patch. The fake API server also applies strategic merge patches this way: for the fields
 * our clients patch (metadata, status conditions replaced as a whole, event counts) the result is the same.
 * Stateless.
 */
public final class JsonMergePatch {
    private JsonMergePatch() {
        // utility
    }

    /**
     * Apply a patch to a target; neither argument is modified.
     *
     * @return the patched copy
     */
    public static JsonElement apply(final JsonElement target, final JsonElement patch) {
        if (!patch.isJsonObject()) {
            return patch.deepCopy();
        }
        final JsonObject result = target != null && target.isJsonObject()
            ? target.getAsJsonObject().deepCopy() : new JsonObject();
        for (Map.Entry<String, JsonElement> entry : patch.getAsJsonObject().entrySet()) {
            if (entry.getValue().isJsonNull()) {
                result.remove(entry.getKey());
            } else {
                result.add(entry.getKey(), apply(result.get(entry.getKey()), entry.getValue()));
            }
        }
        return result;
    }
}
