package dev.judge.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Logs, once the server is ready, where it listens and how to log in. */
@Component
public class StartupReport {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);
    private final DemoProperties properties;
    private final Environment environment;

    public StartupReport(DemoProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        int port = event.getApplicationContext() instanceof WebServerApplicationContext web
                ? web.getWebServer().getPort() : -1;
        String base = "http://localhost:" + port;
        log.info("judge demo server listening on {}  (database: {})", base,
                environment.getProperty("spring.datasource.url"));
        log.info("API docs: {}/swagger-ui.html   health: {}/actuator/health", base, base);
        log.info("Log in: curl -X POST {}/api/v1/auth/login -H 'Content-Type: application/json' "
                + "-d '{\"username\":\"{}\",\"password\":\"...\"}'", base, properties.adminUsername());
    }
}
