package com.acme.registry.mlflow;

import org.springframework.http.HttpStatus;

/** MLflow's error codes that this endpoint answers, with the HTTP status MLflow's own server gives each. */
public enum MlflowErrorCode {
    INVALID_PARAMETER_VALUE(HttpStatus.BAD_REQUEST),
    RESOURCE_ALREADY_EXISTS(HttpStatus.BAD_REQUEST),
    RESOURCE_DOES_NOT_EXIST(HttpStatus.NOT_FOUND),
    INVALID_STATE(HttpStatus.CONFLICT),
    BAD_REQUEST(HttpStatus.BAD_REQUEST),
    /**
     * MLflow's code for a caller who is not signed in that every client knows: 2.x clients crash on the newer
     * UNAUTHENTICATED (an unknown enum name), 3.x clients read either as a 401.
     */
    CUSTOMER_UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    PERMISSION_DENIED(HttpStatus.FORBIDDEN),
    ENDPOINT_NOT_FOUND(HttpStatus.NOT_FOUND),
    REQUEST_LIMIT_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS),
    TEMPORARILY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR);

    private final HttpStatus status;

    MlflowErrorCode(HttpStatus status) {
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
