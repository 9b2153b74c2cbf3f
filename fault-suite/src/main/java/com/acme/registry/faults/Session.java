package com.acme.registry.faults;

import com.acme.registry.bench.registry.Registry;

import java.io.IOException;

/** The API tokens a scenario's clients use, issued by the demo ADMIN {@code adam} (bearer: no bcrypt per request). */
public record Session(String writer, String reader, String reviewer, String admin) {

    public static Session issue(RegistryProcess registry, String runId) throws IOException {
        Registry.Tokens t = new Registry(registry.base(), Api.JSON).issueTokens("adam:demo", runId);
        return new Session(t.writer(), t.reader(), t.reviewer(), t.admin());
    }
}
