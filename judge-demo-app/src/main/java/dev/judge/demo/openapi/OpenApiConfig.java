package dev.judge.demo.openapi;

import dev.judge.demo.auth.TokenHeaderResolver;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description (at {@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). */
@Configuration
public class OpenApiConfig {

    @Bean
    OpenAPI judgeOpenApi() {
        return new OpenAPI()
                .info(new Info().title("judge demo server").version("v1")
                        .description("Problems, test data and accounts of the judge demo server. Errors are RFC 9457 "
                                + "Problem Details; field errors are listed in 'errors'."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("Access token from /api/v1/auth/login, or an API token"))
                        .addSecuritySchemes("apiToken", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(TokenHeaderResolver.HEADER)
                                .description("API token from /api/v1/auth/tokens")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("apiToken"));
    }
}
