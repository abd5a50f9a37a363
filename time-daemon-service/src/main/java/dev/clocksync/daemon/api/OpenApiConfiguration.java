package dev.clocksync.daemon.api;

import dev.clocksync.core.protocol.Headers;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daemon's OpenAPI document at {@code /v3/api-docs} (off with {@code
 * springdoc.api-docs.enabled=false}); running a round now carries the HMAC signature.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String HMAC = "hmac";

    @Bean
    OpenAPI daemonOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("clocksync time daemon")
                        .version("v1")
                        .description("Membership, rounds and leadership of the Berkeley time daemon. Times are"
                                + " nanoseconds; offsets are an agent's clock minus the daemon's, before"
                                + " correction. Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes(
                                HMAC,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name(Headers.SIGNATURE)
                                        .description(Headers.SIGNING_RULE
                                                + " 401 when missing, wrong or outside the replay window.")));
    }

    @Bean
    OpenApiCustomizer signedRounds() {
        return openApi -> {
            var rounds = openApi.getPaths().get(DaemonController.ROUNDS_PATH);
            if (rounds != null && rounds.getPost() != null) {
                rounds.getPost().addSecurityItem(new SecurityRequirement().addList(HMAC));
            }
        };
    }
}
