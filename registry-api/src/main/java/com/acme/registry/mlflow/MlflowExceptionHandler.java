package com.acme.registry.mlflow;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MLflow's refusals of the MLflow controllers, in MLflow's shape. The registry's own refusals (invalid input, not
 * found, outages, security) are answered by the shared handlers and put into MLflow's shape by
 * {@link MlflowErrorTranslation}.
 */
@RestControllerAdvice(assignableTypes = {MlflowModelsController.class, MlflowVersionsController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class MlflowExceptionHandler {

    @ExceptionHandler(MlflowException.class)
    ResponseEntity<Map<String, Object>> refused(MlflowException e) {
        return ResponseEntity.status(e.code().status()).contentType(MediaType.APPLICATION_JSON)
                .body(body(e.code(), e.getMessage()));
    }

    static Map<String, Object> body(MlflowErrorCode code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code.name());
        body.put("message", message);
        return body;
    }
}
