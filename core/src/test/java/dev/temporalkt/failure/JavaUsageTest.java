package dev.temporalkt.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.common.RetryPolicy;
import dev.temporalkt.common.SearchAttributeKey;
import dev.temporalkt.common.SearchAttributes;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The failure and common types read naturally from Java. */
class JavaUsageTest {
  @Test
  void applicationFailureBuilderAndGetters() {
    ApplicationFailure failure =
        ApplicationFailure.newBuilder()
            .message("inventory service busy")
            .type("Busy")
            .details("shelf-3", 2)
            .nextRetryDelay(Duration.ofSeconds(30))
            .category(ApplicationErrorCategory.BENIGN)
            .build();

    assertEquals("inventory service busy", failure.getMessage());
    assertEquals("Busy", failure.getType());
    assertEquals(Duration.ofSeconds(30), failure.getNextRetryDelay());
    assertEquals("shelf-3", failure.getDetails().get(0, String.class));
    assertEquals(2, failure.getDetails().get(1, Integer.class));
    assertTrue(ApplicationFailure.nonRetryable("declined", "CardDeclined").getNonRetryable());
    assertNull(ApplicationFailure.retryable("retry me", "Transient").getNextRetryDelay());
  }

  @Test
  void retryPolicyAndSearchAttributes() {
    RetryPolicy policy =
        RetryPolicy.newBuilder().initialInterval(Duration.ofSeconds(2)).maximumAttempts(3).build();
    assertEquals(Duration.ofSeconds(2), policy.getInitialInterval());
    assertNull(policy.getMaximumInterval());

    SearchAttributeKey<String> customer = SearchAttributeKey.forKeyword("CustomerId");
    SearchAttributes attributes = SearchAttributes.newBuilder().set(customer, "c-42").build();
    assertEquals("c-42", attributes.get(customer));
  }
}
