package dev.clocksync.agent.api;

import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.protocol.ProbeAnswer;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent's OpenAPI document at {@code /v3/api-docs} (off with {@code springdoc.api-docs.enabled=false}).
 * The probe is served by {@link ClockProbeFilter}, not a controller, so it is added by hand; the
 * signed adjustment carries the HMAC headers as a security requirement.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String HMAC = "hmac";

    @Bean
    OpenAPI agentOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("clocksync node agent")
                        .version("v1")
                        .description("Disciplined clock of one node: probes for the time daemon, signed"
                                + " adjustments, and synchronized time for applications. Times are"
                                + " nanoseconds since the Unix epoch; errors are RFC 9457 problem details."))
                .components(
                        new Components()
                                .addSecuritySchemes(
                                        HMAC,
                                        new SecurityScheme()
                                                .type(SecurityScheme.Type.APIKEY)
                                                .in(SecurityScheme.In.HEADER)
                                                .name(Headers.SIGNATURE)
                                                .description(
                                                        Headers.SIGNING_RULE
                                                                + " 401 when missing or wrong; an adjustment proves its freshness by echoing a probe nonce, not by the timestamp.")));
    }

    @Bean
    OpenApiCustomizer agentProbeAndSigning() {
        return openApi -> {
            ResolvedSchema probe = ModelConverters.getInstance().readAllAsResolvedSchema(ProbeAnswer.class);
            probe.referencedSchemas.forEach(openApi.getComponents()::addSchemas);
            openApi.getComponents().addSchemas("ProbeAnswer", probe.schema);
            Operation get = new Operation()
                    .operationId("probe")
                    .summary("Probe: T2 and T3 of one NTP-style exchange")
                    .description("Served ahead of the dispatcher by a servlet filter: T2 (receiveNanos) is read"
                            + " first thing, T3 (transmitNanos) just before the answer is written, both without"
                            + " the monotonic hold. The daemon sends T1 and takes T4 itself.")
                    .addTagsItem("clock")
                    .responses(
                            new ApiResponses()
                                    .addApiResponse(
                                            "200",
                                            new ApiResponse()
                                                    .description(
                                                            "The exchange's agent timestamps and the clock's state")
                                                    .content(
                                                            new Content()
                                                                    .addMediaType(
                                                                            org.springframework.http.MediaType
                                                                                    .APPLICATION_JSON_VALUE,
                                                                            new MediaType()
                                                                                    .schema(
                                                                                            new Schema<>()
                                                                                                    .$ref(
                                                                                                            "#/components/schemas/ProbeAnswer"))))));
            openApi.getPaths().addPathItem(ClockProbeFilter.PATH, new PathItem().get(get));
            PathItem adjustments = openApi.getPaths().get(ApiConfiguration.ADJUSTMENTS_PATH);
            if (adjustments != null && adjustments.getPost() != null) {
                adjustments.getPost().addSecurityItem(new SecurityRequirement().addList(HMAC));
            }
        };
    }
}
