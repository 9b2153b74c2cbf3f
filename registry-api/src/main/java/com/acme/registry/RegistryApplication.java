package com.acme.registry;

import com.acme.registry.database.DatabaseBootstrap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RegistryApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(RegistryApplication.class);
        try {
            app.setDefaultProperties(DatabaseBootstrap.prepare(System.getenv()));
        } catch (DatabaseBootstrap.DatabaseUnavailableException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
        app.run(args);
    }
}
