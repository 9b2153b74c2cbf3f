package com.acme.registry.mlflow;

/** A refusal in MLflow's wire format: {@code {"error_code": ..., "message": ...}} with the code's status. */
public class MlflowException extends RuntimeException {

    private final MlflowErrorCode code;

    public MlflowException(MlflowErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public static MlflowException invalid(String message) {
        return new MlflowException(MlflowErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    public MlflowErrorCode code() {
        return code;
    }
}
