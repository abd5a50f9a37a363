package dev.clocksync.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

class StrictJsonTest {

    enum Colour {
        RED,
        GREEN
    }

    record Everything(String name, Long count, long primitive, double ratio, boolean flag, Colour colour) {}

    static final String VALID =
            "{\"name\":\"n\",\"count\":5,\"primitive\":6,\"ratio\":0.5,\"flag\":true,\"colour\":\"GREEN\"}";

    final JsonMapper strict = StrictJson.configure(JsonMapper.builder()).build();

    @Test
    void wellTypedValuesAreRead() {
        assertThat(strict.readValue(VALID, Everything.class))
                .isEqualTo(new Everything("n", 5L, 6, 0.5, true, Colour.GREEN));
    }

    @Test
    void anIntegerIsAcceptedWhereADecimalIsExpected() {
        assertThat(strict.readValue(VALID.replace("0.5", "2"), Everything.class).ratio())
                .isEqualTo(2.0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "\"count\":5 -> \"count\":\"5\"",
                "\"count\":5 -> \"count\":\"\"",
                "\"count\":5 -> \"count\":5.5",
                "\"count\":5 -> \"count\":true",
                "\"count\":5 -> \"count\":[5]",
                "\"count\":5 -> \"count\":{}",
                "\"primitive\":6 -> \"primitive\":\"6\"",
                "\"primitive\":6 -> \"primitive\":null",
                "\"primitive\":6 -> \"primitive\":6.0",
                "\"ratio\":0.5 -> \"ratio\":\"0.5\"",
                "\"ratio\":0.5 -> \"ratio\":false",
                "\"flag\":true -> \"flag\":\"true\"",
                "\"flag\":true -> \"flag\":1",
                "\"flag\":true -> \"flag\":\"\"",
                "\"name\":\"n\" -> \"name\":42",
                "\"name\":\"n\" -> \"name\":4.2",
                "\"name\":\"n\" -> \"name\":true",
                "\"name\":\"n\" -> \"name\":[\"n\"]",
                "\"colour\":\"GREEN\" -> \"colour\":1",
                "\"colour\":\"GREEN\" -> \"colour\":\"\"",
                "\"colour\":\"GREEN\" -> \"colour\":\"PURPLE\"",
                "\"flag\":true -> \"flag\":true,\"unknown\":1"
            })
    void aValueOfTheWrongTypeIsRefusedNotConverted(String replacement) {
        String[] fromTo = replacement.split(" -> ");
        String body = VALID.replace(fromTo[0], fromTo[1]);
        assertThat(body).isNotEqualTo(VALID);
        assertThatThrownBy(() -> strict.readValue(body, Everything.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void aDefaultMapperWouldHaveConvertedThem() {
        JsonMapper lenient = JsonMapper.builder().build();
        assertThat(lenient.readValue(VALID.replace("\"count\":5", "\"count\":\"5\""), Everything.class)
                        .count())
                .isEqualTo(5L);
        assertThat(lenient.readValue(VALID.replace("\"name\":\"n\"", "\"name\":42"), Everything.class)
                        .name())
                .isEqualTo("42");
    }
}
