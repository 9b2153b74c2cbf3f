package com.acme.registry.model;

import java.util.List;

/** The model's input and output schema. */
public record Signature(List<SignatureField> inputs, List<SignatureField> outputs) {
}
