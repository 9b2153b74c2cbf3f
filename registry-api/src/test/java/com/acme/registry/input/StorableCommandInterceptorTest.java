package com.acme.registry.input;

import com.acme.registry.rollout.CompleteRollout;
import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.RegisterModel;
import com.acme.registry.model.RegisterModelVersion;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.validation.FieldViolation;
import com.acme.registry.validation.InvalidInputException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The safety net refuses unstorable text in any command, however it was built, naming the field. */
class StorableCommandInterceptorTest {

    private final StorableCommandInterceptor interceptor = new StorableCommandInterceptor();

    @Test
    void aCommandWithoutValidationOfItsOwnIsStillRefused() {
        assertThat(refusedFields(new CompleteRollout("m", "produc\u0000tion"))).containsExactly("environment");
    }

    @Test
    void nestedRecordsListsAndMapKeysAndValuesAreWalked() {
        VersionEvidence evidence = new VersionEvidence("s3://b/k", null, null, "onnx", null,
                Map.of("a\u0000uc", 0.9, "ks", Double.NaN), Map.of("depth", "6\u0000"), null, null,
                List.of(new DatasetRef("apps", "v\ud800", null, null, "training")), List.of("ok", "f\u0001"),
                null, "multi\nline\tis fine", null);
        assertThat(refusedFields(new RegisterModelVersion("m", evidence, "alice")))
                .containsExactlyInAnyOrder("metrics", "metrics.ks", "params.depth", "datasets[0].version", "features[1]");
    }

    @Test
    void theModelsDescriptionIsNamedAsTheApiNamesIt() {
        ModelDescription model = new ModelDescription("d\u0000", "team", RiskTier.LOW, "use", null,
                Map.of("k", "v"));
        assertThat(refusedFields(new RegisterModel("m", model, "alice"))).containsExactly("description");
    }

    @Test
    void metadataIsCheckedToo() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(new CompleteRollout("m", "staging"))
                .andMetaData(MetaData.with("idempotencyKey", "k\u0000"));
        assertThatThrownBy(() -> interceptor.handle(List.of(command)).apply(0, command))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.violations())
                        .extracting(FieldViolation::field).containsExactly("Idempotency-Key"));
    }

    @Test
    void storableCommandsPassUnchanged() {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(
                new RegisterModel("m", new ModelDescription("line one\r\nline two 😀", "team", RiskTier.HIGH, "use",
                        null, Map.of("k", "v")), "alice"));
        assertThat(interceptor.handle(List.of(command)).apply(0, command)).isSameAs(command);
    }

    private List<String> refusedFields(Object payload) {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage(payload);
        try {
            interceptor.handle(List.of(command)).apply(0, command);
        } catch (InvalidInputException e) {
            return e.violations().stream().map(FieldViolation::field).toList();
        }
        return List.of();
    }
}
