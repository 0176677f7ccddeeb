package dev.temporalkt.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.temporalkt.samples.ShoppingCartJava.Line;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ShoppingCartJavaTest {
    @Test
    void updatesFillTheCartAndValidatorsRejectBadOnes() {
        try (SampleEnvironment environment = SampleServers.devServer()) {
            ShoppingCartJava.Outcome outcome = ShoppingCartJava.run(environment);
            assertEquals(new ShoppingCartJava.Order("ada", List.of(new Line("apple", 6, 240), new Line("coffee", 1, 899)), 1139),
                outcome.order());
            assertEquals(List.of("the quantity must be positive, was 0"), outcome.rejections());
        }
    }
}
