package com.acme.registry.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import com.acme.registry.web.PublicBaseUrl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The API's OpenAPI description, served at /v3/api-docs and /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /**
     * The server is the public base URL, or "/" (the address the document was fetched from): springdoc would
     * otherwise name the request's Host, and Swagger UI would send credentials wherever that points.
     */
    @Bean
    public OpenAPI registryOpenApi(PublicBaseUrl baseUrl) {
        return new OpenAPI()
                .servers(List.of(new Server().url(baseUrl.isSet() ? baseUrl.value() : "/")))
                .info(new Info().title("Model registry API").version("v1")
                        .description("Event-sourced registry of credit-decisioning ML models. Errors are RFC 9457 "
                                + "problem+json naming the field or the rule. Every write is recorded as an immutable "
                                + "event with the authenticated actor and the request's X-Request-Id."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
                        .addSecuritySchemes("token", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("API token issued by an ADMIN (mrt_…)")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
