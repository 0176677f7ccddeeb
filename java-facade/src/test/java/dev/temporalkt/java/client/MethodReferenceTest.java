package dev.temporalkt.java.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.temporalkt.client.WorkflowUpdateStage;
import dev.temporalkt.java.client.schedule.ScheduleAction;
import dev.temporalkt.java.common.TypeRef;
import dev.temporalkt.java.function.Func1;
import dev.temporalkt.java.function.Func2;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Method references resolve to the annotated workflow method with plain java.lang.reflect: the name comes from the
 * annotations, the argument and result types from the method. Mistakes are refused before anything is sent.
 */
class MethodReferenceTest {
  private static final WorkflowOptions OPTIONS =
      WorkflowOptions.newBuilder().id("shipment-1").taskQueue("shipping").build();
  private static final Shipment SHIPMENT =
      new Shipment("s-1", List.of(new Parcel("a", 1)), Instant.EPOCH, Optional.empty(), Carrier.POST);

  private static TemporalClient client;

  @BeforeAll
  static void lazyClient() {
    // a lazy connection: nothing reaches a server in these tests
    client = TemporalClient.connect(ConnectionOptions.newBuilder().target("localhost:1").lazy(true).build()).join();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void runMethodGivesWorkflowTypeArgumentAndResultTypes() {
    WorkflowStart<List<Parcel>> start = WorkflowStart.of(ShippingWorkflow::run, SHIPMENT, 3, OPTIONS);
    assertEquals("Shipping", start.getWorkflowType());
    assertEquals(List.of(SHIPMENT, 3), start.getArgs());
    assertEquals(List.of(Shipment.class, int.class), start.getArgTypes());
    // the result of a CompletableFuture<List<Parcel>> run method is a List<Parcel>
    assertEquals(new TypeRef<List<Parcel>>() {}.getType(), start.getResultType());
  }

  @Test
  void implementationClassInheritsAnnotationsAndNamesWorkflowBySimpleName() {
    WorkflowStart<List<Parcel>> start = WorkflowStart.of(ExpressShipping::run, SHIPMENT, 1, OPTIONS);
    assertEquals("ExpressShipping", start.getWorkflowType());
    ScheduleAction action = ScheduleAction.startWorkflow(ShippingWorkflow::run, SHIPMENT, 2, OPTIONS);
    assertEquals("Shipping", action.getWorkflowType());
    assertEquals(List.of(Shipment.class, int.class), action.getArgTypes());
  }

  @Test
  void byNameStartsConvertArgumentsByRuntimeClass() {
    WorkflowStart<String> start = WorkflowStart.of("Shipping", String.class, OPTIONS, SHIPMENT, null);
    assertEquals(List.of(Shipment.class, Object.class), start.getArgTypes());
    assertEquals(String.class, start.getResultType());
  }

  @Test
  void handlerReferenceOfTheWrongKindIsRefused() {
    WorkflowHandle<Object> handle = client.getWorkflowHandle("shipment-1");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> handle.executeUpdate(ShippingWorkflow::status));
    assertTrue(error.getMessage().contains("is a @Query method, not a @Update method"), error.getMessage());
    error = assertThrows(IllegalArgumentException.class, () -> handle.signal(ShippingWorkflow::clearParcels));
    assertTrue(error.getMessage().contains("is a @Update method, not a @Signal method"), error.getMessage());
    error =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorkflowStart.of(ShippingWorkflow::addParcel, new Parcel("b", 2), OPTIONS));
    assertTrue(error.getMessage().contains("not a @WorkflowRun method"), error.getMessage());
  }

  @Test
  void unannotatedMethodsLambdasStaticAndBoundReferencesAreRefused() {
    WorkflowHandle<Object> handle = client.getWorkflowHandle("shipment-1");
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> handle.query(ShippingWorkflow::helper));
    assertTrue(error.getMessage().contains("annotate it with @WorkflowRun, @Signal, @Query or @Update"), error.getMessage());

    Func1<ShippingWorkflow, String> lambda = workflow -> workflow.status();
    error = assertThrows(IllegalArgumentException.class, () -> handle.query(lambda));
    assertTrue(error.getMessage().contains("not a lambda"), error.getMessage());

    Func2<String, String, String> jdkMethod = String::concat;
    assertThrows(IllegalArgumentException.class, () -> handle.query(jdkMethod, "x"));

    Func1<String, String> staticMethod = ExpressShipping::describe;
    error = assertThrows(IllegalArgumentException.class, () -> handle.query(staticMethod));
    assertTrue(error.getMessage().contains("is static"), error.getMessage());

    ShippingWorkflow instance = new ExpressShipping();
    Func2<Shipment, Integer, CompletableFuture<List<Parcel>>> bound = instance::run;
    error = assertThrows(IllegalArgumentException.class, () -> client.startWorkflow(bound, 3, OPTIONS));
    assertTrue(error.getMessage().contains("unbound method reference"), error.getMessage());

    error =
        assertThrows(
            IllegalArgumentException.class, () -> WorkflowStart.of(ExpressShipping.Unannotated::run, OPTIONS));
    assertTrue(error.getMessage().contains("annotated with @Workflow"), error.getMessage());
  }

  @Test
  void optionsBuildersValidateAndConvertDurations() {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .id("o-1")
            .taskQueue("q")
            .executionTimeout(Duration.ofMinutes(5))
            .startDelay(Duration.ofSeconds(3))
            .memo("customer", "ada")
            .build();
    assertEquals(Duration.ofMinutes(5), options.getExecutionTimeout());
    assertEquals(Duration.ofSeconds(3), options.getStartDelay());
    assertEquals("o-2", options.toBuilder().id("o-2").build().getId());
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> WorkflowOptions.newBuilder().id("o").build());
    assertTrue(error.getMessage().contains("taskQueue is required"), error.getMessage());
    error =
        assertThrows(
            IllegalArgumentException.class,
            () -> WorkflowOptions.newBuilder().id("o").taskQueue("q").runTimeout(Duration.ZERO).build());
    assertTrue(error.getMessage().contains("runTimeout must be a positive"), error.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> UpdateOptions.newBuilder().waitForStage(WorkflowUpdateStage.ADMITTED).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> RpcRetryOptions.newBuilder().maximumInterval(Duration.ofMillis(1)).build());
  }
}
