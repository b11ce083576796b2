/*
 * Copyright (c) 2026 kube-anycast authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package io.kubeanycast.fakeapi;

import com.google.gson.JsonObject;

/**
 * One change of one object, as a watch delivers it. The object is a private copy that nobody mutates.
 *
 * @param resourceVersion the global resource version of the change
 * @param type ADDED, MODIFIED or DELETED
 * @param resource the kind of the object
 * @param object the object after the change (for DELETED: its last state, with the deletion's resourceVersion)
 */
public record WatchEvent(long resourceVersion, String type, ResourceType resource, JsonObject object) {
    public static final String ADDED = "ADDED";
    public static final String MODIFIED = "MODIFIED";
    public static final String DELETED = "DELETED";

    /**
     * The line a watch stream carries for this event.
     */
    public JsonObject toJson() {
        final JsonObject json = new JsonObject();
        json.addProperty("type", type);
        json.add("object", object.deepCopy());
        return json;
    }
}
