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
 * A request the API server refuses; rendered as a {@code Status} object with the HTTP code and reason the real
 * API server uses.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int code;
    private final String reason;
    // the Status details (which object the error is about); null when the error is not about one object
    private final String detailsName;
    private final String detailsGroup;
    private final String detailsKind;

    public ApiError(final int code, final String reason, final String message) {
        this(code, reason, message, (Throwable) null);
    }

    public ApiError(final int code, final String reason, final String message, final Throwable cause) {
        super(message, cause);
        this.code = code;
        this.reason = reason;
        this.detailsName = null;
        this.detailsGroup = null;
        this.detailsKind = null;
    }

    private ApiError(final int code, final String reason, final String message, final ResourceType type,
            final String name) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.detailsName = name;
        this.detailsGroup = type.group();
        this.detailsKind = type.plural();
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public static ApiError notFound(final ResourceType type, final String name) {
        return new ApiError(404, "NotFound", type.plural() + " \"" + name + "\" not found", type, name);
    }

    public static ApiError alreadyExists(final ResourceType type, final String name) {
        return new ApiError(409, "AlreadyExists", type.plural() + " \"" + name + "\" already exists", type,
            name);
    }

    public static ApiError conflict(final ResourceType type, final String name) {
        return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + type.plural() + " \"" + name
            + "\": the object has been modified; please apply your changes to the latest version and try again",
            type, name);
    }

    public static ApiError gone(final long resourceVersion) {
        return new ApiError(410, "Expired", "too old resource version: " + resourceVersion);
    }

    public static ApiError badRequest(final String message) {
        return new ApiError(400, "BadRequest", message);
    }

    public static ApiError badRequest(final String message, final Throwable cause) {
        return new ApiError(400, "BadRequest", message, cause);
    }

    /**
     * A path the server does not serve at all (no such resource or subresource).
     */
    public static ApiError pathNotFound() {
        return new ApiError(404, "NotFound", "the server could not find the requested resource");
    }

    public static ApiError methodNotAllowed() {
        return new ApiError(405, "MethodNotAllowed",
            "the server does not allow this method on the requested resource");
    }

    public static ApiError internalError(final Throwable cause) {
        return new ApiError(500, "InternalError", "Internal error occurred: " + cause, cause);
    }

    /**
     * The {@code Status} object the API server sends for this error.
     */
    public JsonObject toStatus() {
        final JsonObject status = new JsonObject();
        status.addProperty("kind", "Status");
        status.addProperty("apiVersion", "v1");
        status.add("metadata", new JsonObject());
        status.addProperty("status", "Failure");
        status.addProperty("message", getMessage());
        status.addProperty("reason", reason);
        if (detailsKind != null) {
            final JsonObject details = new JsonObject();
            details.addProperty("name", detailsName);
            if (!detailsGroup.isEmpty()) {
                details.addProperty("group", detailsGroup);
            }
            details.addProperty("kind", detailsKind);
            status.add("details", details);
        }
        status.addProperty("code", code);
        return status;
    }
}
