package dev.judge.demo.auth;

import dev.judge.demo.DemoProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import dev.judge.demo.web.ApiException;

/**
 * At start, when no ADMIN account exists, creates one named {@code judge.demo.admin-username} with the
 * password {@code judge.demo.admin-password}, or with a generated one that is logged this once.
 */
@Component
@Order(0)
public class AdminBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private final UserRepository users;
    private final UserService userService;
    private final DemoProperties properties;

    public AdminBootstrap(UserRepository users, UserService userService, DemoProperties properties) {
        this.users = users;
        this.userService = userService;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.anyWithRole(Role.ADMIN)) {
            return;
        }
        boolean generated = properties.adminPassword() == null || properties.adminPassword().isBlank();
        String password = generated ? generatePassword() : properties.adminPassword();
        try {
            userService.register(new Credentials(properties.adminUsername(), password), Role.ADMIN);
        } catch (ApiException e) {
            log.warn("Could not create the admin account '{}': {}", properties.adminUsername(), e.getMessage());
            return;
        }
        if (generated) {
            log.warn("Created the admin account '{}' with the generated password: {}  (shown only now; "
                    + "set judge.demo.admin-password to choose one)", properties.adminUsername(), password);
        } else {
            log.info("Created the admin account '{}' with the password from judge.demo.admin-password",
                    properties.adminUsername());
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
