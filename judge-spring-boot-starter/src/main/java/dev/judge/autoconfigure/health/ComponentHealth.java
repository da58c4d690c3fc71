package dev.judge.autoconfigure.health;

import java.util.Map;

/**
 * One component's health, kept free of Spring Boot's health types so that the same checks serve the
 * Boot 3 and Boot 4 health APIs.
 */
record ComponentHealth(boolean up, Map<String, Object> details) {
    ComponentHealth {
        details = Map.copyOf(details);
    }
}
