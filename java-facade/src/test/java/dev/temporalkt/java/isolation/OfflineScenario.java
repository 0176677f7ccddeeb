package dev.temporalkt.java.isolation;

import dev.temporalkt.api.common.v1.Payload;
import dev.temporalkt.converter.PayloadConverter;
import dev.temporalkt.java.client.Carrier;
import dev.temporalkt.java.client.ClientOptions;
import dev.temporalkt.java.client.ConnectionOptions;
import dev.temporalkt.java.client.Parcel;
import dev.temporalkt.java.client.Shipment;
import dev.temporalkt.java.client.ShippingWorkflow;
import dev.temporalkt.java.client.TemporalClient;
import dev.temporalkt.java.client.UpdateOptions;
import dev.temporalkt.java.client.WorkflowHandle;
import dev.temporalkt.java.client.WorkflowOptions;
import dev.temporalkt.java.client.WorkflowStart;
import dev.temporalkt.java.client.schedule.Schedule;
import dev.temporalkt.java.client.schedule.ScheduleAction;
import dev.temporalkt.java.client.schedule.ScheduleIntervalSpec;
import dev.temporalkt.java.client.schedule.ScheduleSpec;
import dev.temporalkt.java.common.TypeRef;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the Java client does before anything reaches a server: options, method references resolved to workflow
 * methods, a client on a lazy connection, handles with generic result types, values through the client's converter.
 */
public final class OfflineScenario {
  private OfflineScenario() {}

  /** Runs the scenario; fails with an exception when something is off. */
  public static void run(String... args) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .id("offline-1")
            .taskQueue("offline")
            .executionTimeout(Duration.ofMinutes(1))
            .memo("customer", "ada")
            .build();
    Shipment shipment = new Shipment("s", List.of(new Parcel("a", 1)), Instant.EPOCH, Optional.empty(), Carrier.POST);
    WorkflowStart<List<Parcel>> start = WorkflowStart.of(ShippingWorkflow::run, shipment, 1, options);
    check(start.getWorkflowType().equals("Shipping"), "workflow type " + start.getWorkflowType());
    check(start.getResultType().equals(new TypeRef<List<Parcel>>() {}.getType()), "result type " + start.getResultType());
    ScheduleAction action = ScheduleAction.startWorkflow(ShippingWorkflow::run, shipment, 2, options);
    Schedule.newBuilder()
        .action(action)
        .spec(ScheduleSpec.newBuilder().addInterval(ScheduleIntervalSpec.of(Duration.ofHours(1))).build())
        .build();
    UpdateOptions.defaults();
    try (TemporalClient client =
        TemporalClient.connect(
                ConnectionOptions.newBuilder().target("localhost:1").lazy(true).build(), ClientOptions.defaults())
            .join()) {
      WorkflowHandle<List<Parcel>> handle = client.getWorkflowHandle("offline-1", new TypeRef<List<Parcel>>() {});
      check(handle.getResultType().equals(start.getResultType()), "handle result type " + handle.getResultType());
      // values through the client's converter, as calls convert them
      PayloadConverter converter = client.getDataConverter().getPayloadConverter();
      Payload payload = converter.toPayload(shipment, (Type) Shipment.class);
      check(converter.fromPayload(payload, (Type) Shipment.class).equals(shipment), "shipment round trip");
      Type parcels = new TypeRef<List<Parcel>>() {}.getType();
      check(converter.fromPayload(converter.toPayload(shipment.parcels(), parcels), parcels).equals(shipment.parcels()), "parcels");
    }
  }

  private static void check(boolean condition, String what) {
    if (!condition) throw new AssertionError("unexpected " + what);
  }
}
